using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Scrutiny;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Masam.Web.Features.Scrutiny.Signals;

namespace Masam.Web.Features.Visits;

/// <summary>
/// Checks on the visit data itself, as Punjab's programme checks "when data is being fudged": a
/// verified figure is only as good as the visits it was drawn from. Per provider and quarter: one
/// number on many visits (<see cref="VisitsOnOneNumber"/>), numbers no operator issues
/// (<see cref="MadeUpNumbers"/>), survey messages the gateway could not deliver
/// (<see cref="Bounces"/>), a month whose visits jump (<see cref="VisitJump"/>), and visitors who
/// answer far less than elsewhere or never (<see cref="NoReplies"/>).
/// </summary>
public sealed class VisitChecks(MasamDbContext db, IOptions<ScrutinyOptions> options) : IScrutinySource
{
    /// <summary>Visits with made-up numbers a provider-period needs before they are a signal (and 1 % of its visits).</summary>
    private const int MadeUpLeast = 5;

    public async Task<IReadOnlyList<Finding>> FindAsync(FigurePeriod quarter, DateTime asOf, CancellationToken ct)
    {
        var settings = options.Value;
        var visits = db.Set<ServiceVisit>().AsNoTracking().Where(v => v.VisitedAt >= quarter.StartUtc && v.VisitedAt < quarter.EndUtc);
        var perProvider = await visits.GroupBy(v => v.ProviderId).Select(g => new
        {
            ProviderId = g.Key, Visits = g.Count(), MadeUp = g.Count(v => v.MadeUpNumber),
            Asked = g.Count(v => v.AskedAt != null), Closed = g.Count(v => v.Survey == SurveyState.Answered || v.Survey == SurveyState.Unanswered),
            Answered = g.Count(v => v.Survey == SurveyState.Answered),
        }).ToDictionaryAsync(p => p.ProviderId, ct);

        var findings = new List<Finding>();
        var oneNumber = await visits.Where(v => v.PhoneHash != null).GroupBy(v => new { v.ProviderId, v.PhoneHash })
            .Where(g => g.Count() >= settings.VisitsOnOneNumber).Select(g => new { g.Key.ProviderId, Visits = g.Count() }).ToListAsync(ct);
        findings.AddRange(oneNumber.GroupBy(n => n.ProviderId).Select(g => new Finding(g.Key, VisitsOnOneNumber,
            [Item("visits", g.Max(n => n.Visits)), Item("numbers", g.Count()), Item("allVisits", perProvider[g.Key].Visits)])));

        findings.AddRange(perProvider.Values.Where(p => p.MadeUp >= MadeUpLeast && p.MadeUp * 100 >= p.Visits)
            .Select(p => new Finding(p.ProviderId, MadeUpNumbers, [Item("visits", p.MadeUp), Item("allVisits", p.Visits)])));

        findings.AddRange(await BouncesAsync(quarter, perProvider.ToDictionary(p => p.Key, p => p.Value.Asked), ct));
        findings.AddRange(await JumpsAsync(quarter, ct));

        // Replies against the rate everywhere this quarter: a binomial lower tail per provider, Benjamini-Hochberg over them.
        var closed = perProvider.Values.Sum(p => p.Closed);
        var everywhere = closed == 0 ? 0 : (double)perProvider.Values.Sum(p => p.Answered) / closed;
        var tested = perProvider.Values.Where(p => p.Closed >= settings.MinAsked && everywhere > 0)
            .Select(p => (p.ProviderId, p.Answered, p.Closed, P: ChanceTests.BinomialLowerTail(p.Answered, p.Closed, everywhere))).ToList();
        var discovered = ChanceTests.BenjaminiHochberg([.. tested.Select(t => t.P)], settings.FalseDiscoveryRate);
        findings.AddRange(tested.Where((t, i) => discovered[i] || t.Answered == 0).Select(t => new Finding(t.ProviderId, NoReplies,
            [Item("answered", t.Answered), Item("asked", t.Closed), Item("rate", Math.Round((double)t.Answered / t.Closed, 3)), Item("everywhere", Math.Round(everywhere, 3)),
             Item("falseDiscoveryRate", settings.FalseDiscoveryRate)], t.P)));
        return findings;
    }

    /// <summary>Providers whose survey questions the gateway finally failed to deliver for at least <see cref="ScrutinyOptions.BounceShare"/> of those asked.</summary>
    private async Task<IEnumerable<Finding>> BouncesAsync(FigurePeriod quarter, Dictionary<int, int> asked, CancellationToken ct)
    {
        var settings = options.Value;
        var failed = await db.Outbox.AsNoTracking()
            .Where(m => m.Kind == SurveyRound.QuestionKind && m.State == OutboxState.Failed && m.CreatedAt >= quarter.StartUtc && m.SourceKey != null)
            .Select(m => m.SourceKey!).ToListAsync(ct);
        var ids = failed.Select(k => long.TryParse(k[(k.IndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var bounced = new Dictionary<int, int>();
        foreach (var chunk in ids.Chunk(1000))
        {
            foreach (var provider in await db.Set<ServiceVisit>().Where(v => chunk.Contains(v.Id) && v.VisitedAt < quarter.EndUtc).Select(v => v.ProviderId).ToListAsync(ct))
            {
                bounced[provider] = bounced.GetValueOrDefault(provider) + 1;
            }
        }

        return bounced.Where(b => asked.GetValueOrDefault(b.Key) >= settings.MinAsked && b.Value >= settings.BounceShare * asked[b.Key])
            .Select(b => new Finding(b.Key, Bounces, [Item("failed", b.Value), Item("asked", asked[b.Key])]));
    }

    /// <summary>Months of the quarter with <see cref="ScrutinyOptions.JumpFactor"/> times the visits of the provider's three months before on average, and <see cref="ScrutinyOptions.JumpMinVisits"/> more.</summary>
    private async Task<IEnumerable<Finding>> JumpsAsync(FigurePeriod quarter, CancellationToken ct)
    {
        var settings = options.Value;
        var months = new Dictionary<DateOnly, Dictionary<int, int>>();
        for (var month = quarter.FirstMonth.AddMonths(-3); month < quarter.FirstMonth.AddMonths(3); month = month.AddMonths(1))
        {
            var period = FigurePeriod.Parse(month.ToString("yyyy-MM", CultureInfo.InvariantCulture))!;
            months[month] = await db.Set<ServiceVisit>().Where(v => v.VisitedAt >= period.StartUtc && v.VisitedAt < period.EndUtc)
                .GroupBy(v => v.ProviderId).Select(g => new { g.Key, Visits = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Visits, ct);
        }

        var findings = new List<Finding>();
        foreach (var month in quarter.MonthsCovered)
        {
            foreach (var (provider, count) in months[month])
            {
                var before = Enumerable.Range(1, 3).Average(back => months[month.AddMonths(-back)].GetValueOrDefault(provider));
                if (before > 0 && count >= settings.JumpFactor * before && count - before >= settings.JumpMinVisits)
                {
                    findings.Add(new Finding(provider, VisitJump, [Item("month", month.ToString("yyyy-MM", CultureInfo.InvariantCulture)), Item("visits", count), Item("before", Math.Round(before, 1))]));
                }
            }
        }

        // One finding a provider: its largest jump.
        return findings.GroupBy(f => f.ProviderId).Select(g => g.MaxBy(f => (int)f.Evidence[1].Value)!);
    }
}
