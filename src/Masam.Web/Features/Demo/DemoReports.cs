using Hangfire;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Publications;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Demo;

/// <summary>
/// The demo's published reports, so that <c>/reports</c> and its verification page have something
/// to show: the last ended quarter's national report and Zavkhan's, and a corrected edition of
/// Zavkhan's that supersedes the first, each drafted, generated and published (signed, when a key is
/// configured) as the demo Admin, through the same workflow as a person's. A background job after
/// start-up: making the files takes a while, and the app is usable meanwhile. Each step is done
/// only if it is not done yet, and the job is queued at every start until all three are out, so that
/// a start stopped half-way (Ctrl+C, a deploy, kill -9) finishes them after the next, once.
/// </summary>
public sealed class DemoReports(
    MasamDbContext db, CurrentStaff staff, PublicationWorkflow workflow, PublicationGenerator generator, TimeProvider clock,
    IOptions<MasamOptions> options, IOptions<PublicationOptions> publications, IHostEnvironment environment, IBackgroundJobClient jobs,
    ILogger<DemoReports> logger) : IDataSeeder
{
    private const string Zavkhan = "181";
    private const int Editions = 3;

    /// <summary>At start-up with demo data in Development (where the demo Admin exists): the job is queued while the demo's reports are not all out.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        if (options.Value.SeedDemoData && environment.IsDevelopment() && await db.Publications.CountAsync(Publication.IsPublic, ct) < Editions)
        {
            jobs.Enqueue<DemoReports>(reports => reports.RunAsync(CancellationToken.None));
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == "admin@demo.masam.mn" && !u.IsDisabled, ct);
        if (admin is null || await db.Publications.CountAsync(Publication.IsPublic, ct) >= Editions)
        {
            return;
        }

        staff.Set(admin.Id, admin.Email!, admin.DisplayName, StaffRoles.Admin, new StaffScope(true, [], []));
        var quarter = workflow.DraftablePeriods().First(p => p.Months == 3).Name;
        await PublishAsync(quarter, null, 1, null, ct);
        var first = await PublishAsync(quarter, Zavkhan, 1, null, ct);
        await PublishAsync(quarter, Zavkhan, 2, first, ct);
        logger.LogInformation("Published the demo reports for {Quarter}: national, Zavkhan, and a corrected edition of Zavkhan's", quarter);
    }

    /// <summary>The edition, published: made if it is not there, generated if it is not drafted yet, then published; nothing when it is out already.</summary>
    private async Task<int> PublishAsync(string period, string? unit, int edition, int? replaces, CancellationToken ct)
    {
        var existing = await db.Publications.AsNoTracking().Where(p => p.Period == period && p.AdminUnitCode == unit && p.Edition == edition)
            .Select(p => new { p.Id, p.Status }).FirstOrDefaultAsync(ct);
        if (existing is { Status: PublicationStatus.Published or PublicationStatus.Superseded })
        {
            return existing.Id;
        }

        var id = existing?.Id ?? await CreateAsync(period, unit, edition, replaces, ct);
        var version = await GeneratedAsync(id, ct);
        var outcome = await workflow.PublishAsync(id, version, ct);
        if (outcome.Result != ChangeResult.Done)
        {
            throw new InvalidOperationException($"The demo report {id} ({period}, {unit ?? "national"}) was not published: {outcome.Result} {outcome.Detail}");
        }

        return id;
    }

    private async Task<int> CreateAsync(string period, string? unit, int edition, int? replaces, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = new Publication
        {
            Period = period, AdminUnitCode = unit, Edition = edition, Status = PublicationStatus.Queued, CreatedAt = now, UpdatedAt = now,
            ReplacesId = replaces,
            CorrectionReason = replaces is null ? null
                : "Нэг хариу арга хэмжээний зардлын дүнг засав (жишээ засвар). / One action's cost was corrected (a demo correction).",
        };
        db.Publications.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }

    /// <summary>
    /// Generates the draft, or waits while another run holds it (one stopped half-way holds it until
    /// its claim lapses, then this run takes it over): its version once drafted.
    /// </summary>
    private async Task<int> GeneratedAsync(int id, CancellationToken ct)
    {
        var giveUp = clock.GetUtcNow() + publications.Value.GenerationLease * 4;
        while (true)
        {
            await generator.GenerateAsync(id, ct);
            var draft = await db.Publications.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Status, p.Version }).SingleAsync(ct);
            if (draft.Status == PublicationStatus.Draft) return draft.Version;
            if (draft.Status is not (PublicationStatus.Queued or PublicationStatus.Generating) || clock.GetUtcNow() > giveUp)
            {
                throw new InvalidOperationException($"The demo report {id} is {draft.Status}, not drafted.");
            }

            await Task.Delay(publications.Value.GenerationLease / 4, clock, ct);
        }
    }
}
