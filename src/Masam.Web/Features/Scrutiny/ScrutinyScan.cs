using Masam.Web.Data;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Scrutiny;

/// <summary>
/// The job that looks for signals (job <c>scrutiny-scan</c>, hourly): every <see cref="IScrutinySource"/>
/// over the current quarter and the one before (whose late changes still count), each finding
/// kept as a <see cref="ScrutinyFlag"/>, refreshed while it holds and marked cleared when it no
/// longer does. Runs take turns across nodes.
/// </summary>
public sealed class ScrutinyScan(MasamDbContext db, IEnumerable<IScrutinySource> sources, DatabaseLock locks, TimeProvider clock, ILogger<ScrutinyScan> logger)
{
    public async Task<ScanResult> ExecuteAsync(CancellationToken ct)
    {
        await using var turn = await locks.AcquireAsync("scrutiny-scan", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = FigurePeriod.QuarterOf(MongolianTime.MonthOf(now));
        var result = new ScanResult(0, 0, 0);
        foreach (var quarter in new[] { current.Previous(), current })
        {
            result += await ScanAsync(quarter, now, ct);
        }

        return result;
    }

    private async Task<ScanResult> ScanAsync(FigurePeriod quarter, DateTime now, CancellationToken ct)
    {
        var findings = new List<Finding>();
        foreach (var source in sources)
        {
            findings.AddRange(await source.FindAsync(quarter, now, ct));
        }

        var stored = await db.Set<ScrutinyFlag>().Where(f => f.Period == quarter.Name).ToDictionaryAsync(f => (f.ProviderId, f.Signal), ct);
        var (raised, cleared) = (0, 0);
        foreach (var finding in findings)
        {
            if (!stored.Remove((finding.ProviderId, finding.Signal), out var flag))
            {
                db.Add(flag = new ScrutinyFlag { ProviderId = finding.ProviderId, Period = quarter.Name, Signal = finding.Signal, Evidence = "", FirstSeenAt = now });
                raised++;
            }

            (flag.Evidence, flag.PValue, flag.LastSeenAt, flag.ClearedAt) = (finding.EvidenceJson(), finding.PValue, now, null);
        }

        foreach (var gone in stored.Values.Where(f => f.ClearedAt is null))
        {
            gone.ClearedAt = now;
            cleared++;
        }

        await db.SaveChangesAsync(ct);
        if (raised + cleared > 0)
        {
            logger.LogInformation("Scrutiny of {Period}: {Raised} new flags, {Cleared} cleared, {Standing} standing", quarter.Name, raised, cleared, findings.Count);
        }

        return new ScanResult(findings.Count, raised, cleared);
    }
}

/// <param name="Standing">Flags that hold after the scan.</param>
/// <param name="Raised">Of them, new.</param>
/// <param name="Cleared">Flags that no longer hold.</param>
public sealed record ScanResult(int Standing, int Raised, int Cleared)
{
    public static ScanResult operator +(ScanResult a, ScanResult b) => new(a.Standing + b.Standing, a.Raised + b.Raised, a.Cleared + b.Cleared);
}
