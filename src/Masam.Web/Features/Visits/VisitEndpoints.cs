using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Visits;

/// <summary>
/// Reporting visits: <c>POST /api/v1/visits</c> for a system with a key (<c>X-Api-Key</c>), a file
/// upload for staff of a centre without one, and Admin's keys.
/// </summary>
public static class VisitEndpoints
{
    /// <summary>The header a visit source sends its key in.</summary>
    public const string KeyHeader = "X-Api-Key";

    /// <summary>Who may see the survey's response rates: those who upload visits, and the Ministry's analysts.</summary>
    public const string StaffRolesSeeingVisits = $"{StaffRoles.Admin},{StaffRoles.LocalOfficial},{StaffRoles.ProviderManager},{StaffRoles.MinistryAnalyst}";

    public static IEndpointRouteBuilder MapVisitsApi(this IEndpointRouteBuilder app)
    {
        // A visit source is no staff account: its key is checked by the handler.
        app.MapPost("/api/v1/visits", ReportAsync).WithTags("Service visits").AllowAnonymous()
            .WithName("ReportVisits")
            .WithSummary("Report service visits (a batch, all or nothing; a visit sent again is left as it was); key in X-Api-Key")
            .AcceptsJsonBody<ReportVisitsRequest>(1024 * 1024)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapPost("/api/v1/staff/visits/files", ImportAsync).WithTags("Service visits")
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{StaffRoles.Admin},{StaffRoles.LocalOfficial},{StaffRoles.ProviderManager}" })
            .WithName("ImportVisitFile")
            .WithSummary("Upload a visit file (multipart: file, CSV or XLSX; column.<field> to name another header): stored whole or not at all")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        app.MapGet("/api/v1/staff/visits/response-rates", RatesAsync).WithTags("Service visits")
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRolesSeeingVisits })
            .WithName("SurveyResponseRates")
            .WithSummary("The survey's response rates per provider and service line in a month (month=2026-12, Mongolian time), within your scope")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/v1/staff/figures/by-source", BySourceAsync).WithTags("Service visits")
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRolesSeeingVisits })
            .WithName("FiguresBySource")
            .WithSummary("Satisfaction per provider by source: verified (the survey of real visits) beside self-selected, each with n and its interval, and the survey's response rate; any period (2026-12, 2026-Q4, 2026), within your scope")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapPost("/api/v1/admin/jobs/survey-round", async (SurveyRound round, CancellationToken ct) => TypedResults.Ok(await round.ExecuteAsync(ct)))
            .WithTags("Administration").RequireAuthorization(AccountsFeature.AdminPolicy)
            .WithName("RunSurveyRound").WithSummary("Run the survey's round now: draw, ask, remind, close (it also runs every few minutes)");

        var admin = app.MapGroup("/api/v1/admin/visit-sources").WithTags("Administration").RequireAuthorization(AccountsFeature.AdminPolicy);
        admin.MapGet("/", async (VisitSources sources, CancellationToken ct) => TypedResults.Ok(await sources.ListAsync(ct)))
            .WithName("ListVisitSources").WithSummary("The systems and centres that report visits, and their keys' state");
        admin.MapPost("/", IssueAsync).WithName("IssueVisitKey")
            .WithSummary("Issue a key to report visits (for one provider when it names one): the answer is the only time the key is shown")
            .AcceptsJsonBody<IssueVisitKeyRequest>(4096).ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("/{id:int}/revoke", RevokeAsync).WithName("RevokeVisitKey")
            .WithSummary("Revoke a visit source's key: its next report is refused (401)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<VisitsReceived>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        HttpContext context, JsonBody<ReportVisitsRequest> body, VisitSources sources, VisitRules rules, VisitRecorder recorder,
        IOptions<VisitOptions> options, IOptions<Sms.SmsOptions> sms, IStringLocalizer text, CancellationToken ct)
    {
        if (!sms.Value.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: text["problem.visits.off.title"], detail: text["problem.visits.off"]);
        }

        if (await sources.AuthenticateAsync(context.Request.Headers[KeyHeader].ToString(), ct) is not { } source)
        {
            context.Response.Headers.WWWAuthenticate = KeyHeader;
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: text["problem.visits.key.title"], detail: text["problem.visits.key", KeyHeader]);
        }

        var visits = body.Value.Visits ?? [];
        var errors = new FieldErrors();
        if (visits.Count == 0 || visits.Count > options.Value.BatchMax)
        {
            errors.Add("visits", text["error.visit.batch", options.Value.BatchMax]);
            return errors.ToProblem(text);
        }

        var checkedVisits = new List<ServiceVisit>(visits.Count);
        var reporter = VisitReporter.Of(source);
        for (var i = 0; i < visits.Count; i++)
        {
            if (await rules.CheckAsync(visits[i] ?? new VisitReport(), reporter, $"visits[{i}]", errors, ct) is { } visit) checkedVisits.Add(visit);
        }

        if (errors.Any)
        {
            return errors.ToProblem(text);
        }

        var recorded = await recorder.RecordAsync(checkedVisits, ct);
        return TypedResults.Ok(new VisitsReceived(recorded.Received,
            [.. recorded.AlreadyReceived.Select(v => new ReceivedVisit(rules.CodeOf(v.ProviderId), v.VisitId))]));
    }

    private static async Task<Results<Ok<VisitFileReceived>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, VisitImport import, IOptions<VisitOptions> options, IOptions<Sms.SmsOptions> sms, IStringLocalizer text, CancellationToken ct)
    {
        var max = options.Value.FileMaxBytes;
        if (!sms.Value.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: text["problem.visits.off.title"], detail: text["problem.visits.off"]);
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: text["problem.contentType.title"], detail: text["error.visitFile.multipart"]);
        }

        // A centre's month of visits may pass the server's 30 MB default: this endpoint takes up to its own limit.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max + 64 * 1024;
        }

        IFormCollection form;
        try
        {
            form = request.ContentLength > max + 64 * 1024 ? throw new InvalidDataException()
                : await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = max }, ct);
        }
        catch (InvalidDataException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: text["problem.tooLarge.title"], detail: text["error.visitFile.tooLarge", max / (1024 * 1024)]);
        }

        var errors = new FieldErrors();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) errors.Add("file", text["error.visitFile.empty"]);
        var columns = new VisitColumns();
        foreach (var field in VisitColumns.Fields)
        {
            if (form[$"column.{field}"].ToString().Trim() is { Length: > 0 } header) columns = columns.With(field, header);
        }

        if (errors.Any) return errors.ToProblem(text);

        await using var stream = file!.OpenReadStream();
        var result = await import.ImportAsync(stream, file.FileName, columns, ct);
        return result.Errors.Any
            ? TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: text["problem.validation.title"],
                detail: text["error.visitFile.refused", result.Refused, result.Rows],
                extensions: new Dictionary<string, object?> { ["rows"] = result.Rows, ["refusedRows"] = result.Refused })
            : TypedResults.Ok(new VisitFileReceived(result.Rows, result.Received, result.AlreadyReceived));
    }

    private static async Task<Results<Ok<IReadOnlyList<SourceFigureRow>>, ValidationProblem>> BySourceAsync(
        string? period, SourceFigures figures, TimeProvider clock, IStringLocalizer text, CancellationToken ct)
    {
        var asked = period is null ? Figures.FigurePeriod.QuarterOf(MongolianTime.MonthOf(clock.GetUtcNow().UtcDateTime)) : Figures.FigurePeriod.Parse(period);
        if (asked is null)
        {
            var errors = new FieldErrors();
            errors.Add("period", text["error.figures.period", period!]);
            return errors.ToProblem(text);
        }

        return TypedResults.Ok(await figures.ForAsync(asked, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<SurveyRateRow>>, ValidationProblem>> RatesAsync(
        string? month, SurveyRates rates, TimeProvider clock, IStringLocalizer text, CancellationToken ct)
    {
        var asked = month is null ? MongolianTime.MonthOf(clock.GetUtcNow().UtcDateTime) : SurveyRates.ParseMonth(month);
        if (asked is null)
        {
            var errors = new FieldErrors();
            errors.Add("month", text["error.visit.month", month!]);
            return errors.ToProblem(text);
        }

        return TypedResults.Ok(await rates.ForMonthAsync(asked.Value, ct));
    }

    private static async Task<Results<Created<IssuedVisitKey>, ValidationProblem>> IssueAsync(
        JsonBody<IssueVisitKeyRequest> body, VisitSources sources, IStringLocalizer text, CancellationToken ct)
    {
        var (issued, errors) = await sources.IssueAsync(body.Value, ct);
        return issued is null ? errors.ToProblem(text) : TypedResults.Created($"/api/v1/admin/visit-sources/{issued.Source.Id}", issued);
    }

    private static async Task<Results<Ok<VisitSourceView>, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        int id, HttpContext context, VisitSources sources, CancellationToken ct) =>
        await ChangeEndpoint.RunAsync(context, sources.RevokeAsync(id, ct), c => sources.FindAsync(id, c), "error.visit.unknownSource", id, ct);
}

public sealed record ReportVisitsRequest
{
    /// <summary>At most <c>Masam:Visits:BatchMax</c> (1,000) visits; all are stored or none.</summary>
    public List<VisitReport?>? Visits { get; init; }
}

/// <param name="Received">Visits stored by this request.</param>
/// <param name="AlreadyReceived">Visits of the request stored before (or twice in it): left as they were.</param>
public sealed record VisitsReceived(int Received, IReadOnlyList<ReceivedVisit> AlreadyReceived);

public sealed record ReceivedVisit(string Provider, string VisitId);

/// <param name="Rows">Rows read, the header not counted.</param>
public sealed record VisitFileReceived(int Rows, int Received, int AlreadyReceived);
