using Hangfire;
using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The scheduled job that drafts the reports of a quarter once it has closed (and of the year, in
/// January): the national report and one per aimag and the capital, each left as a draft for
/// review. A report already drafted or published for that period and unit is left alone.
/// </summary>
public sealed class PeriodDrafts(MasamDbContext db, IBackgroundJobClient jobs, TimeProvider clock, ILogger<PeriodDrafts> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var today = MongolianTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var thisQuarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var closed = thisQuarter.AddMonths(-3);
        var periods = new List<string> { Figures.FigurePeriod.QuarterOf(closed).Name };
        if (thisQuarter.Month == 1) periods.Add((today.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var units = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.First).Select(u => (string?)u.Code).ToListAsync(ct);
        units.Insert(0, null);
        var queued = 0;
        foreach (var period in periods)
        {
            var existing = await db.Publications.Where(p => p.Period == period).Select(p => p.AdminUnitCode).ToListAsync(ct);
            foreach (var unit in units.Where(u => !existing.Contains(u)))
            {
                var draft = new Publication
                {
                    Period = period, AdminUnitCode = unit, Edition = 1, Status = PublicationStatus.Queued,
                    CreatedAt = clock.GetUtcNow().UtcDateTime, UpdatedAt = clock.GetUtcNow().UtcDateTime,
                };
                db.Publications.Add(draft);
                await db.SaveChangesAsync(ct);
                jobs.Enqueue<PublicationGenerator>(g => g.GenerateAsync(draft.Id, CancellationToken.None));
                queued++;
            }
        }

        logger.LogInformation("Queued {Count} report drafts for {Periods}", queued, string.Join(", ", periods));
        return queued;
    }
}
