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
/// start-up, once: making the files takes a while, and the app is usable meanwhile.
/// </summary>
public sealed class DemoReports(
    MasamDbContext db, CurrentStaff staff, PublicationWorkflow workflow, PublicationGenerator generator, TimeProvider clock,
    IOptions<MasamOptions> options, IHostEnvironment environment, IBackgroundJobClient jobs, ILogger<DemoReports> logger) : IDataSeeder
{
    private const string Zavkhan = "181";

    /// <summary>At start-up with demo data in Development (where the demo Admin exists): the job is queued if there is no report yet.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        if (options.Value.SeedDemoData && environment.IsDevelopment() && !await db.Publications.AnyAsync(ct))
        {
            jobs.Enqueue<DemoReports>(reports => reports.RunAsync(CancellationToken.None));
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == "admin@demo.masam.mn" && !u.IsDisabled, ct);
        if (admin is null || await db.Publications.AnyAsync(ct))
        {
            return;
        }

        staff.Set(admin.Id, admin.Email!, admin.DisplayName, StaffRoles.Admin, new StaffScope(true, [], []));
        var quarter = workflow.DraftablePeriods().First(p => p.Months == 3).Name;
        await PublishAsync(quarter, null, null, ct);
        var first = await PublishAsync(quarter, Zavkhan, null, ct);
        await PublishAsync(quarter, Zavkhan, first, ct);
        logger.LogInformation("Published the demo reports for {Quarter}: national, Zavkhan, and a corrected edition of Zavkhan's", quarter);
    }

    private async Task<int> PublishAsync(string period, string? unit, int? replaces, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = new Publication
        {
            Period = period, AdminUnitCode = unit, Edition = replaces is null ? 1 : 2, Status = PublicationStatus.Queued, CreatedAt = now, UpdatedAt = now,
            ReplacesId = replaces,
            CorrectionReason = replaces is null ? null
                : "Нэг хариу арга хэмжээний зардлын дүнг засав (жишээ засвар). / One action's cost was corrected (a demo correction).",
        };
        db.Publications.Add(draft);
        await db.SaveChangesAsync(ct);

        await generator.GenerateAsync(draft.Id, ct);
        var version = await db.Publications.Where(p => p.Id == draft.Id).Select(p => p.Version).SingleAsync(ct);
        var outcome = await workflow.PublishAsync(draft.Id, version, ct);
        if (outcome.Result != ChangeResult.Done)
        {
            throw new InvalidOperationException($"The demo report {draft.Id} ({period}, {unit ?? "national"}) was not published: {outcome.Result} {outcome.Detail}");
        }

        return draft.Id;
    }
}
