using Masam.Reporting;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The public catalogue (list, files with stable links, a period's ZIP, verification by hash or by
/// file, the JSON schema and the signing key) and the staff workflow (draft, follow progress,
/// review the files, publish, discard a draft).
/// </summary>
public static class PublicationEndpoints
{
    public static IEndpointRouteBuilder MapPublicationsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/publications").WithTags("Publications").AllowAnonymous();
        open.MapGet("", ListAsync).WithName("ListPublications")
            .WithSummary("Published reports (current and superseded), by period, admin unit and format, with each file's size, SHA-256 and link");
        open.MapGet("/{id:int}", GetAsync).WithName("GetPublication").WithSummary("One published report, its manifest and its place in the hash chain");
        open.MapGet("/verify", VerifyHashAsync).WithName("VerifyPublicationHash")
            .WithSummary("Which publication a file with this SHA-256 belongs to, and whether it is current or superseded");
        open.MapPost("/verify", VerifyFileAsync).WithName("VerifyPublicationFile").DisableAntiforgery().RequireRateLimiting(RateLimiting.DownloadsPolicy)
            .WithSummary("Upload a file (multipart 'file' or the raw body, no larger than the largest published file): which publication it belongs to, if any")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapGet("/chain", ChainAsync).WithName("CheckPublicationChain")
            .WithSummary("Rechecks every link of the publications' hash chain, and every published file against its fingerprint");

        app.MapGet("/reports/files/{id:int}/{fileName}", DownloadAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/reports/{period}/all.zip", ZipAsync).AllowAnonymous().WithTags("Publications").RequireRateLimiting(RateLimiting.DownloadsPolicy)
            .WithSummary("Every current published file of a period, as one ZIP (built once for each set of publications)");
        app.MapGet("/reports/publication.schema.json", () => Results.Text(JsonReportWriter.Schema(), "application/schema+json")).AllowAnonymous()
            .WithTags("Publications").WithSummary("The JSON Schema of the published JSON files");
        app.MapGet("/reports/signing-key.pem", (PublicationSigner signer) => signer.PublicKeyPem is { } pem
            ? Results.Text(pem, "application/x-pem-file") : Results.NotFound()).AllowAnonymous()
            .WithTags("Publications").WithSummary("The public key (ECDSA P-256) manifests are signed with, when signing is configured");

        var admin = app.MapGroup("/api/v1/admin/publications").WithTags("Publications").RequireAuthorization(AccountsFeature.AdminPolicy);
        admin.MapGet("/integrity", async (PublicationIntegrityCheck check, CancellationToken ct) =>
                await check.LatestAsync(ct) is { } report ? Results.Ok(report) : Results.NoContent())
            .WithName("GetPublicationIntegrity").WithSummary("The latest daily check of the published records' chain and files (204 before the first)")
            .Produces<IntegrityReport>();
        admin.MapPost("/integrity", async (PublicationIntegrityCheck check, CancellationToken ct) => TypedResults.Ok(await check.ExecuteAsync(ct)))
            .WithName("CheckPublicationIntegrity").WithSummary("Checks the published records' chain and every published file now");

        var staff = app.MapGroup("/api/v1/staff/publications").WithTags("Publications").RequireAuthorization(AccountsFeature.PublisherPolicy);
        staff.MapGet("", StaffListAsync).WithName("ListDraftPublications").WithSummary("Drafts and publications within your remit, with generation progress");
        staff.MapGet("/{id:int}", StaffGetAsync).WithName("GetDraftPublication").WithSummary("A draft or publication with its progress and files");
        staff.MapPost("", DraftAsync).WithName("DraftPublication")
            .WithSummary("Draft a report for a quarter or year and a unit (or the nation); to correct a published one, name it in 'replaces' with a reason")
            .AcceptsJsonBody<DraftRequest>(JsonBodyLimit.Small);
        staff.MapPost("/{id:int}/publish", PublishAsync).WithName("PublishPublication").WithSummary("Publish a reviewed draft; it can never change afterwards")
            .AcceptsJsonBody<PublishRequest>();
        staff.MapDelete("/{id:int}", DiscardAsync).WithName("DiscardDraftPublication").WithSummary("Discard a draft (a published report refuses)");
        staff.MapGet("/{id:int}/files/{fileName}", DraftFileAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<List<PublicationView>>> ListAsync(PublicationCatalogue catalogue, CancellationToken ct,
        string? period = null, string? adminUnit = null, string? format = null)
    {
        var query = catalogue.Published();
        if (!string.IsNullOrWhiteSpace(period)) query = query.Where(p => p.Period == period.ToUpperInvariant());
        if (!string.IsNullOrWhiteSpace(adminUnit)) query = query.Where(p => adminUnit == "national" ? p.AdminUnitCode == null : p.AdminUnitCode == adminUnit);
        if (!string.IsNullOrWhiteSpace(format)) query = query.Where(p => p.Files.Any(f => f.Format == format));
        var found = await query.OrderByDescending(p => p.Period).ThenBy(p => p.AdminUnitCode).ThenByDescending(p => p.Edition).ToListAsync(ct);
        return TypedResults.Ok(await catalogue.ViewsAsync(found, format, ct));
    }

    private static async Task<Results<Ok<PublicationView>, ProblemHttpResult>> GetAsync(int id, PublicationCatalogue catalogue, IStringLocalizer text, CancellationToken ct) =>
        await catalogue.Published().FirstOrDefaultAsync(p => p.Id == id, ct) is { } found
            ? TypedResults.Ok((await catalogue.ViewsAsync([found], null, ct))[0])
            : NotFound(text, id);

    private static async Task<Results<Ok<Verification>, ValidationProblem>> VerifyHashAsync(PublicationCatalogue catalogue, IStringLocalizer text, CancellationToken ct, string? sha256 = null)
    {
        if (sha256 is null || !System.Text.RegularExpressions.Regex.IsMatch(sha256.Trim(), "^[0-9a-fA-F]{64}$"))
        {
            var errors = new FieldErrors();
            errors.Add("sha256", text["error.publication.sha256"]);
            return errors.ToProblem(text);
        }

        return TypedResults.Ok(await catalogue.VerifyAsync(sha256.Trim().ToLowerInvariant(), ct));
    }

    private static async Task<Results<Ok<Verification>, ValidationProblem, ProblemHttpResult>> VerifyFileAsync(
        HttpContext context, PublicationCatalogue catalogue, IStringLocalizer text, CancellationToken ct)
    {
        var limit = await catalogue.VerifyLimitAsync(ct);
        if (context.Request.ContentLength > limit + 64 * 1024)
        {
            return TooLargeToVerify(text, limit);
        }

        Stream? body = null;
        if (context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = limit + 64 * 1024 }, ct);
                body = form.Files.GetFile("file")?.OpenReadStream();
            }
            catch (InvalidDataException)
            {
                // A malformed or empty multipart body: named below as a missing file.
            }
        }
        else if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            body = context.Request.Body;
        }

        if (body is null)
        {
            var errors = new FieldErrors();
            errors.Add("file", text["error.publication.file"]);
            return errors.ToProblem(text);
        }

        await using (body)
        {
            var sha256 = await PublicationCatalogue.HashAsync(body, limit, ct);
            return sha256 is null ? TooLargeToVerify(text, limit) : TypedResults.Ok(await catalogue.VerifyAsync(sha256, ct));
        }
    }

    private static async Task<Ok<ChainCheck>> ChainAsync(PublicationCatalogue catalogue, CancellationToken ct) =>
        TypedResults.Ok(await catalogue.CheckAsync(ct));

    private static ProblemHttpResult TooLargeToVerify(IStringLocalizer text, long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: text["problem.tooLarge.title"],
        detail: text["error.publication.fileTooLarge", Math.Max(1, limit / 1024 / 1024)]);

    /// <summary>A published file, served only while its SHA-256 is the one published; a changed file is refused (and logged), never served.</summary>
    private static async Task<IResult> DownloadAsync(int id, string fileName, MasamDbContext db, PublishedFiles files, IStringLocalizer text, CancellationToken ct)
    {
        var file = await db.Set<PublicationFile>().AsNoTracking()
            .Where(f => f.PublicationId == id && f.FileName == fileName)
            .Where(f => db.Publications.Where(Publication.IsPublic).Any(p => p.Id == id))
            .FirstOrDefaultAsync(ct);
        if (file is null || !File.Exists(files.PathOf(id, file.FileName))) return Results.NotFound();
        if (!await files.IsIntactAsync(id, file.FileName, file.Sha256, ct)) return IntegrityFailed(text, file.FileName);
        // Published files never change: cache them for good, keyed by their fingerprint.
        return Results.File(files.PathOf(id, file.FileName), ContentType(file.FileName), file.FileName, lastModified: null,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Sha256}\""));
    }

    private static async Task<IResult> ZipAsync(string period, MasamDbContext db, PublishedFiles files, IStringLocalizer text, CancellationToken ct)
    {
        var publications = await db.Publications.AsNoTracking().Include(p => p.Files)
            .Where(p => p.Period == period.ToUpperInvariant() && p.Status == PublicationStatus.Published).OrderBy(p => p.AdminUnitCode).ThenBy(p => p.Id).ToListAsync(ct);
        if (publications.Count == 0) return Results.NotFound();

        var archive = await files.ArchiveAsync(period, publications, ct);
        return archive is null
            ? IntegrityFailed(text, $"masam-{period.ToLowerInvariant()}.zip")
            : Results.File(archive, "application/zip", $"masam-{period.ToLowerInvariant()}.zip");
    }

    private static IResult IntegrityFailed(IStringLocalizer text, string fileName) => TypedResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError, title: text["problem.integrity.title"], detail: text["problem.integrity.detail", fileName]);

    private static async Task<Ok<List<StaffPublicationView>>> StaffListAsync(PublicationWorkflow publications, CancellationToken ct) =>
        TypedResults.Ok(await publications.Visible().Include(p => p.Files).OrderByDescending(p => p.UpdatedAt).Take(200)
            .Select(p => StaffView(p)).ToListAsync(ct));

    private static async Task<Results<Ok<StaffPublicationView>, ProblemHttpResult>> StaffGetAsync(int id, PublicationWorkflow publications, IStringLocalizer text, CancellationToken ct) =>
        await publications.Visible().Include(p => p.Files).FirstOrDefaultAsync(p => p.Id == id, ct) is { } found
            ? TypedResults.Ok(StaffView(found))
            : NotFound(text, id);

    private static async Task<IResult> DraftAsync(JsonBody<DraftRequest> body, PublicationWorkflow publications, IStringLocalizer text, CancellationToken ct)
    {
        var outcome = await publications.RequestAsync(body.Value, ct);
        if (outcome.CreatedId is not { } id) return (IResult)await outcome.ToHttpResultAsync<StaffPublicationView>(() => Task.FromResult<StaffPublicationView?>(null), text, "");
        var view = StaffView(await publications.Visible().Include(p => p.Files).SingleAsync(p => p.Id == id, ct));
        return TypedResults.Accepted($"/api/v1/staff/publications/{id}", view);
    }

    private static Task<Results<Ok<StaffPublicationView>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        int id, JsonBody<PublishRequest> body, HttpContext context, PublicationWorkflow publications, CancellationToken ct) =>
        ChangeEndpoint.RunAsync(context, publications.PublishAsync(id, body.Value.Version, ct),
            async c => await publications.Visible().Include(p => p.Files).FirstOrDefaultAsync(p => p.Id == id, c) is { } p ? StaffView(p) : null,
            "error.publication.unknown", id, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> DiscardAsync(int id, PublicationWorkflow publications, IStringLocalizer text, CancellationToken ct) =>
        (await publications.DiscardAsync(id, ct)) switch
        {
            { Result: ChangeResult.Done } => TypedResults.NoContent(),
            { Result: ChangeResult.Refused } refused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.review.refused"], detail: refused.Detail),
            _ => NotFound(text, id),
        };

    private static async Task<IResult> DraftFileAsync(int id, string fileName, PublicationWorkflow publications, PublicationGenerator generator, CancellationToken ct)
    {
        var found = await publications.Visible().Include(p => p.Files).FirstOrDefaultAsync(p => p.Id == id, ct);
        var file = found?.Files.FirstOrDefault(f => f.FileName == fileName);
        var path = file is null ? null : Path.Combine(generator.DraftFolder(id), file.FileName);
        return path is not null && File.Exists(path) ? Results.File(path, ContentType(fileName), fileName) : Results.NotFound();
    }

    private static StaffPublicationView StaffView(Publication p) => new(
        p.Id, p.Period, p.AdminUnitCode, p.Edition, WireEnum<PublicationStatus>.Name(p.Status), p.Progress, p.Error, p.Version, p.CreatedAt,
        p.GeneratedAt, p.PublishedAt, p.ReplacesId, p.CorrectionReason,
        [.. p.Files.OrderBy(f => f.FileName, StringComparer.Ordinal).Select(f => new PublicationFileView(f.FileName, f.Format, f.Language, f.Size, f.Sha256,
            p.Status is PublicationStatus.Published or PublicationStatus.Superseded ? $"/reports/files/{p.Id}/{f.FileName}" : $"/api/v1/staff/publications/{p.Id}/files/{f.FileName}"))]);

    public static string ContentType(string fileName) => Path.GetExtension(fileName) switch
    {
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pdf" => "application/pdf",
        ".csv" => "text/csv; charset=utf-8",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    private static ProblemHttpResult NotFound(IStringLocalizer text, int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.publication.unknown", id]);
}

public sealed record PublicationFileView(string Name, string Format, string? Language, long Size, string Sha256, string Url);

public sealed record PublicationView(
    int Id, string Period, string? AdminUnit, string AdminUnitNameMn, string AdminUnitNameEn, int Edition, string Status, DateTime? PublishedAt,
    int? Replaces, int? SupersededBy, string? CorrectionReason, string? ManifestSha256, string? PreviousSha256, string? RecordSha256,
    string? Signature, string? SigningKeyId, string? MethodVersion, IReadOnlyList<PublicationFileView> Files);

public sealed record StaffPublicationView(
    int Id, string Period, string? AdminUnit, int Edition, string Status, int Progress, string? Error, int Version, DateTime CreatedAt,
    DateTime? GeneratedAt, DateTime? PublishedAt, int? Replaces, string? CorrectionReason, IReadOnlyList<PublicationFileView> Files);

/// <summary>What a file's fingerprint says: which publication it belongs to, and whether that is still current.</summary>
public sealed record Verification(string Sha256, bool Found, string? FileName, string? Format, bool? Current, PublicationView? Publication);

/// <summary>The chain of published records and their files: <c>intact</c> only when every link holds and every file on disk is the one published.</summary>
public sealed record ChainCheck(int Length, bool Intact, int? FirstBroken, string? Head, int Files, IReadOnlyList<string> DamagedFiles);
