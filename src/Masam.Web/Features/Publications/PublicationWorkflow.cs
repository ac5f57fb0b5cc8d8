using System.Text.Json;
using Hangfire;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Publications;

/// <summary>
/// Drafting, reviewing and publishing publications. An official drafts and publishes the reports of
/// their own aimag, capital or district; Admin and MinistryAnalyst those of any unit and the national
/// one. Publishing copies the draft's files to the published folder, writes the manifest, signs it
/// when a key is configured and links the record into the hash chain; from then on the publication
/// and its files refuse every change (409), and a correction is a new edition.
/// </summary>
public sealed class PublicationWorkflow(
    MasamDbContext db, CurrentStaff staff, IBackgroundJobClient jobs, PublicationGenerator generator, PublicationSigner signer,
    IOptions<PublicationOptions> options, AuditTrail audit, TimeProvider clock, IStringLocalizer text, DatabaseLock locks, PublishedFigures figures)
{
    public IQueryable<Publication> Visible() => staff.Scope.IsNational
        ? db.Publications.AsNoTracking()
        : db.Publications.AsNoTracking().Where(p => p.AdminUnitCode != null
            && db.AdminUnits.Any(u => u.Code == p.AdminUnitCode && staff.Scope.UnitPaths.Any(path => u.Path.StartsWith(path))));

    /// <summary>The periods a report may be drafted for now, newest first: the last eight ended quarters and three ended years.</summary>
    public IReadOnlyList<FigurePeriod> DraftablePeriods()
    {
        var current = FigurePeriod.QuarterOf(MongolianTime.MonthOf(clock.GetUtcNow().UtcDateTime));
        var quarters = new List<FigurePeriod>();
        for (var quarter = current.Previous(); quarters.Count < 8; quarter = quarter.Previous()) quarters.Add(quarter);
        var lastYear = quarters[0].FirstMonth.Month == 10 ? quarters[0].FirstMonth.Year : quarters[0].FirstMonth.Year - 1;
        var years = Enumerable.Range(0, 3).Select(i => FigurePeriod.Parse((lastYear - i).ToString(System.Globalization.CultureInfo.InvariantCulture))!);
        return [.. quarters.Concat(years).Where(figures.HasEnded)];
    }

    public async Task<ChangeOutcome> RequestAsync(DraftRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var period = FigurePeriod.Parse(request.Period);
        if (period is null || period.Months == 1) errors.Add("period", text["error.publication.period"]);
        else if (!figures.HasEnded(period)) errors.Add("period", text["error.publication.periodOpen", period.Name]);
        var unitCode = string.IsNullOrWhiteSpace(request.AdminUnit) ? null : request.AdminUnit.Trim();
        var unit = unitCode is null ? null : await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, ct);
        if (unitCode is not null && unit is null) errors.Add("adminUnit", text["error.adminUnit.unknown", unitCode]);
        else if (unit is not null && unit.Level != AdminUnitLevel.First && unit.Kind != AdminUnitKind.District)
            errors.Add("adminUnit", text["error.publication.unitLevel"]);
        var reason = UserText.Clean(request.Reason);
        if (request.Replaces is not null && reason is null or { Length: > PublicationLimits.ReasonLength }) errors.Add("reason", text["error.publication.reason"]);
        if (errors.Any) return ChangeOutcome.Invalid(errors);

        if (!MayPublish(unit)) return ChangeOutcome.ForbiddenFor("problem.forbidden.reports");

        var existing = await db.Publications.AsTracking().Where(p => p.Period == period!.Name && p.AdminUnitCode == unitCode)
            .OrderByDescending(p => p.Edition).ToListAsync(ct);
        var latest = existing.FirstOrDefault();
        if (latest is { Status: PublicationStatus.Queued or PublicationStatus.Generating })
            return ChangeOutcome.Refused(text["error.publication.generating", latest.Id]);
        var current = existing.FirstOrDefault(p => p.Status == PublicationStatus.Published);
        if (current is not null && request.Replaces != current.Id)
            return ChangeOutcome.Refused(text["error.publication.published", current.Id]);
        if (current is null && request.Replaces is not null)
            return ChangeOutcome.Refused(text["error.publication.replacesUnknown", request.Replaces]);

        Publication target;
        if (latest is { Status: PublicationStatus.Draft or PublicationStatus.Failed })
        {
            // A draft not yet published is simply drafted again.
            target = latest;
            (target.Status, target.Progress, target.Error, target.ReplacesId, target.CorrectionReason) =
                (PublicationStatus.Queued, 0, null, current?.Id, current is null ? null : reason);
            target.Version++;
            target.UpdatedAt = Now;
            audit.Record("publication.redraft", "publication", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, Snapshot(target));
            await db.SaveChangesAsync(ct);
        }
        else
        {
            target = new Publication
            {
                Period = period!.Name, AdminUnitCode = unitCode, Edition = (latest?.Edition ?? 0) + 1, Status = PublicationStatus.Queued,
                CreatedAt = Now, UpdatedAt = Now, ReplacesId = current?.Id, CorrectionReason = current is null ? null : reason,
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Publications.Add(target);
            await db.SaveChangesAsync(ct);
            audit.Record("publication.draft", "publication", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, Snapshot(target));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        jobs.Enqueue<PublicationGenerator>(g => g.GenerateAsync(target.Id, CancellationToken.None));
        return ChangeOutcome.Created(target.Id);
    }

    public async Task<ChangeOutcome> PublishAsync(int id, int? version, CancellationToken ct)
    {
        if (version is null)
        {
            var errors = new FieldErrors();
            errors.Add("version", text["error.review.version"]);
            return ChangeOutcome.Invalid(errors);
        }

        // Publishing links the record to the chain's last one: one at a time across all nodes.
        await using (await locks.AcquireAsync("publish", ct))
        {
            var publication = await Visible().AsTracking().Include(p => p.Files).FirstOrDefaultAsync(p => p.Id == id, ct);
            if (publication is null) return ChangeOutcome.NotFound;
            if (publication.Version != version) return ChangeOutcome.Stale(publication.Version);
            if (publication.Status != PublicationStatus.Draft)
                return ChangeOutcome.Refused(text["error.publication.notDraft", WireEnum<PublicationStatus>.Name(publication.Status)]);
            var unit = publication.AdminUnitCode is null ? null : await db.AdminUnits.AsNoTracking().SingleAsync(u => u.Code == publication.AdminUnitCode, ct);
            if (!MayPublish(unit)) return ChangeOutcome.NotFound;

            var replaced = publication.ReplacesId is { } replacesId ? await db.Publications.AsTracking().SingleAsync(p => p.Id == replacesId, ct) : null;
            if (replaced is not null && replaced.Status != PublicationStatus.Published)
                return ChangeOutcome.Refused(text["error.publication.replacesUnknown", replaced.Id]);

            var before = Snapshot(publication);
            var folder = Path.Combine(generator.Root(options.Value.PublishedPath), publication.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            foreach (var file in publication.Files)
            {
                var source = Path.Combine(generator.DraftFolder(publication.Id), file.FileName);
                if (!File.Exists(source) || PublicationChain.Sha256(await File.ReadAllBytesAsync(source, ct)) != file.Sha256)
                    return ChangeOutcome.Refused(text["error.publication.draftChanged", file.FileName]);
                File.Copy(source, Path.Combine(folder, file.FileName));
            }

            // Whole milliseconds: the chain hashes this time, and PostgreSQL keeps microseconds, not .NET's ticks.
            publication.PublishedAt = AuditChain.Truncate(Now);
            var manifest = JsonSerializer.SerializeToUtf8Bytes(new
            {
                publication = publication.Id, period = publication.Period, adminUnit = publication.AdminUnitCode, edition = publication.Edition,
                replaces = publication.ReplacesId, correctionReason = publication.CorrectionReason, generatedAt = publication.GeneratedAt,
                methodVersion = publication.MethodVersion,
                files = publication.Files.OrderBy(f => f.FileName, StringComparer.Ordinal)
                    .Select(f => new { name = f.FileName, format = f.Format, language = f.Language, size = f.Size, sha256 = f.Sha256 }),
            }, new JsonSerializerOptions { WriteIndented = true });
            var manifestName = $"{PublicationGenerator.BaseName(publication)}-manifest.json";
            await File.WriteAllBytesAsync(Path.Combine(folder, manifestName), manifest, ct);
            publication.Manifest = System.Text.Encoding.UTF8.GetString(manifest);
            publication.ManifestSha256 = PublicationChain.Sha256(manifest);
            publication.Files.Add(new PublicationFile
            {
                FileName = manifestName, Format = "manifest", Size = manifest.Length, Sha256 = publication.ManifestSha256,
            });
            publication.Signature = signer.Sign(manifest);
            publication.SigningKeyId = publication.Signature is null ? null : signer.KeyId;
            publication.PreviousSha256 = await db.Publications.Where(p => p.RecordSha256 != null)
                .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id).Select(p => p.RecordSha256).FirstOrDefaultAsync(ct);
            publication.RecordSha256 = PublicationChain.Hash(publication);
            publication.Status = PublicationStatus.Published;
            publication.Version++;
            publication.UpdatedAt = Now;
            if (replaced is not null)
            {
                (replaced.Status, replaced.SupersededById, replaced.UpdatedAt) = (PublicationStatus.Superseded, publication.Id, Now);
                replaced.Version++;
            }

            audit.Record("publication.publish", "publication", publication.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, Snapshot(publication));
            await db.SaveChangesAsync(ct);
            return ChangeOutcome.Done;
        }
    }

    /// <summary>
    /// Discards a draft (or a failed one): under the same lock as publishing, so that a discard and a
    /// publish sent together cannot both go ahead; anything else is refused; audited.
    /// </summary>
    public async Task<ChangeOutcome> DiscardAsync(int id, CancellationToken ct)
    {
        await using (await locks.AcquireAsync("publish", ct))
        {
            var publication = await Visible().AsTracking().Include(p => p.Files).FirstOrDefaultAsync(p => p.Id == id, ct);
            if (publication is null) return ChangeOutcome.NotFound;
            if (publication.Status is not (PublicationStatus.Draft or PublicationStatus.Failed))
                return ChangeOutcome.Refused(text["error.publication.notDraft", WireEnum<PublicationStatus>.Name(publication.Status)]);

            audit.Record("publication.discard", "publication", publication.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Snapshot(publication), null);
            db.Publications.Remove(publication);
            await db.SaveChangesAsync(ct);
            var folder = generator.DraftFolder(id);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            return ChangeOutcome.Done;
        }
    }

    /// <summary>The published (or superseded) file with this SHA-256, and its publication.</summary>
    public static async Task<(PublicationFile File, Publication Publication)?> FindAsync(MasamDbContext db, string sha256, CancellationToken ct)
    {
        var hash = sha256.Trim().ToLowerInvariant();
        var found = await db.Set<PublicationFile>().AsNoTracking().Where(f => f.Sha256 == hash)
            .Join(db.Publications.AsNoTracking().Where(Publication.IsPublic),
                f => f.PublicationId, p => p.Id, (f, p) => new { File = f, Publication = p })
            .OrderByDescending(x => x.Publication.PublishedAt).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.File, found.Publication);
    }

    private bool MayPublish(AdminUnit? unit) => staff.Role is StaffRoles.Admin or StaffRoles.MinistryAnalyst
        || (staff.Role == StaffRoles.LocalOfficial && unit is not null && staff.Scope.Covers(unit.Path));

    private static object Snapshot(Publication p) => new
    {
        p.Period, p.AdminUnitCode, p.Edition, Status = WireEnum<PublicationStatus>.Name(p.Status), p.ReplacesId, p.CorrectionReason, p.ManifestSha256, p.RecordSha256,
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

public sealed record DraftRequest(string? Period, string? AdminUnit, int? Replaces, string? Reason);

public sealed record PublishRequest(int? Version);
