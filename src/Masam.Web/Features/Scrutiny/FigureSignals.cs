using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Masam.Web.Features.Scrutiny.Signals;

namespace Masam.Web.Features.Scrutiny;

/// <summary>
/// Signals of stuffing in a quarter's self-selected feedback (the survey's answers come from visits
/// drawn by Masam, and are judged by <see cref="VisitChecks"/>): more top scores than chance allows
/// (<see cref="TopShare"/>), bursts (<see cref="Burst"/>), one voice again and again
/// (<see cref="RepeatedVoice"/>), one address range (<see cref="OneRange"/>); and the verified and
/// self-selected rates that disagree (<see cref="SourcesDisagree"/>). The tests and their false-alarm
/// rates are stated in <see cref="ScrutinyOptions"/> and the README.
/// </summary>
public sealed class FigureSignals(MasamDbContext db, IOptions<ScrutinyOptions> options) : IScrutinySource
{
    private const string Survey = "survey";

    /// <summary>Counted ratings of one provider in one quarter: everyone's, and the survey's.</summary>
    private sealed record Tally(int ProviderId, DateOnly Quarter, int N, int Top, int Satisfied, int SurveyN, int SurveyTop, int SurveySatisfied)
    {
        public int SelfN => N - SurveyN;
        public int SelfTop => Top - SurveyTop;
        public int SelfSatisfied => Satisfied - SurveySatisfied;
    }

    public async Task<IReadOnlyList<Finding>> FindAsync(FigurePeriod quarter, DateTime asOf, CancellationToken ct)
    {
        var findings = new List<Finding>();
        var tallies = await TalliesAsync(quarter.FirstMonth.AddMonths(-12), quarter.FirstMonth.AddMonths(3), ct);
        findings.AddRange(await TopShareAsync(quarter, tallies, ct));
        findings.AddRange(SourcesDisagreeing(tallies.Where(t => t.Quarter == quarter.FirstMonth)));
        findings.AddRange(await RepeatedVoicesAsync(quarter, ct));
        findings.AddRange(await RangesAsync(quarter, ct));
        findings.AddRange(await BurstsAsync(quarter, asOf, ct));
        return findings;
    }

    /// <summary>The counted tallies (each voice once) of every provider in the quarters from <paramref name="from"/> to before <paramref name="to"/>.</summary>
    private async Task<List<Tally>> TalliesAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await db.FeedbackCounts.AsNoTracking()
            .Where(c => c.Month >= from && c.Month < to && (c.Dimension == PublishedFigures.Everyone || (c.Dimension == "channel" && c.Value == Survey)))
            .Select(c => new { c.ProviderId, c.Month, Survey = c.Dimension != PublishedFigures.Everyone, N = c.C1 + c.C2 + c.C3 + c.C4 + c.C5, Top = c.C5, Satisfied = c.C4 + c.C5 })
            .ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.ProviderId, Quarter: FigurePeriod.QuarterOf(r.Month).FirstMonth)).Select(g => new Tally(g.Key.ProviderId, g.Key.Quarter,
            g.Where(r => !r.Survey).Sum(r => r.N), g.Where(r => !r.Survey).Sum(r => r.Top), g.Where(r => !r.Survey).Sum(r => r.Satisfied),
            g.Where(r => r.Survey).Sum(r => r.N), g.Where(r => r.Survey).Sum(r => r.Top), g.Where(r => r.Survey).Sum(r => r.Satisfied)))];
    }

    /// <summary>
    /// For each provider with enough counted self-selected ratings, the chance of at least its number
    /// of fives under a beta-binomial fitted to its peers this quarter (same sector and aimag; the
    /// whole sector when fewer than three) and its own four quarters before; flagged where
    /// Benjamini-Hochberg over all providers tested finds it at the stated false-discovery rate.
    /// </summary>
    private async Task<List<Finding>> TopShareAsync(FigurePeriod quarter, List<Tally> tallies, CancellationToken ct)
    {
        var settings = options.Value;
        var places = await db.Providers.AsNoTracking().Select(p => new
        {
            p.Id, Sector = p.Type!.SectorCode,
            Aimag = p.AdminUnit!.Level == Geography.AdminUnitLevel.First ? p.AdminUnit.Code : p.AdminUnit.Parent!.Code,
        }).ToDictionaryAsync(p => p.Id, ct);
        var now = tallies.Where(t => t.Quarter == quarter.FirstMonth && places.ContainsKey(t.ProviderId)).ToList();
        var tested = new List<(Tally Tally, double Expected, int References, double P)>();
        foreach (var tally in now.Where(t => t.SelfN >= settings.MinResponses))
        {
            var place = places[tally.ProviderId];
            var peers = now.Where(t => t.ProviderId != tally.ProviderId && t.SelfN >= 5 && places[t.ProviderId].Sector == place.Sector).ToList();
            var near = peers.Where(t => places[t.ProviderId].Aimag == place.Aimag).ToList();
            var reference = (near.Count >= 3 ? near : peers)
                .Concat(tallies.Where(t => t.ProviderId == tally.ProviderId && t.Quarter < quarter.FirstMonth && t.SelfN >= 5))
                .Select(t => (t.SelfTop, t.SelfN)).ToList();
            if (reference.Count < 2) continue;

            var (a, b) = ChanceTests.FitBeta(reference, settings.MinSpread);
            tested.Add((tally, a / (a + b), reference.Count, ChanceTests.BetaBinomialUpperTail(tally.SelfTop, tally.SelfN, a, b)));
        }

        var discovered = ChanceTests.BenjaminiHochberg([.. tested.Select(t => t.P)], settings.FalseDiscoveryRate);
        return [.. tested.Where((_, i) => discovered[i]).Select(t => new Finding(t.Tally.ProviderId, TopShare,
            [Item("fives", t.Tally.SelfTop), Item("counted", t.Tally.SelfN), Item("share", Math.Round((double)t.Tally.SelfTop / t.Tally.SelfN, 3)),
             Item("expected", Math.Round(t.Expected, 3)), Item("references", t.References), Item("falseDiscoveryRate", settings.FalseDiscoveryRate)], t.P))];
    }

    /// <summary>Providers whose verified and self-selected satisfaction rates (each with enough counted answers) have 95 % Wilson intervals that do not meet.</summary>
    private IEnumerable<Finding> SourcesDisagreeing(IEnumerable<Tally> quarter)
    {
        var least = options.Value.MinResponses;
        foreach (var t in quarter.Where(t => t.SurveyN >= least && t.SelfN >= least))
        {
            var self = SatisfactionStatistics.WilsonInterval(t.SelfSatisfied, t.SelfN);
            var verified = SatisfactionStatistics.WilsonInterval(t.SurveySatisfied, t.SurveyN);
            if (self.Lower <= verified.Upper && verified.Lower <= self.Upper) continue;
            yield return new Finding(t.ProviderId, SourcesDisagree,
            [
                Item("selfRate", Math.Round((double)t.SelfSatisfied / t.SelfN, 3)), Item("selfLower", Math.Round(self.Lower, 3)), Item("selfUpper", Math.Round(self.Upper, 3)), Item("selfN", t.SelfN),
                Item("verifiedRate", Math.Round((double)t.SurveySatisfied / t.SurveyN, 3)), Item("verifiedLower", Math.Round(verified.Lower, 3)),
                Item("verifiedUpper", Math.Round(verified.Upper, 3)), Item("verifiedN", t.SurveyN),
            ]);
        }
    }

    /// <summary>The quarter's self-selected feedback as stored (every rating, counted or not).</summary>
    private IQueryable<FeedbackItem> SelfSelected(FigurePeriod quarter) =>
        db.Feedback.AsNoTracking().Where(f => f.ReceivedMonth >= quarter.FirstMonth && f.ReceivedMonth < quarter.FirstMonth.AddMonths(3) && f.Channel != FeedbackChannel.Survey);

    /// <summary>Providers rated by one voice (a voice is one phone, browser, address or operator in one month) at least <see cref="ScrutinyOptions.RepeatedVoice"/> times.</summary>
    private async Task<List<Finding>> RepeatedVoicesAsync(FigurePeriod quarter, CancellationToken ct)
    {
        var least = options.Value.RepeatedVoice;
        var repeated = await SelfSelected(quarter).Where(f => f.Voice != null)
            .GroupBy(f => new { f.ProviderId, f.Voice, f.Channel }).Where(g => g.Count() >= least)
            .Select(g => new { g.Key.ProviderId, g.Key.Channel, Ratings = g.Count() }).ToListAsync(ct);
        var providers = repeated.Select(r => r.ProviderId).Distinct().ToList();
        var stored = await SelfSelected(quarter).Where(f => providers.Contains(f.ProviderId)).GroupBy(f => f.ProviderId)
            .Select(g => new { ProviderId = g.Key, Ratings = g.Count() }).ToDictionaryAsync(g => g.ProviderId, g => g.Ratings, ct);
        return [.. repeated.GroupBy(r => r.ProviderId).Select(g =>
        {
            var most = g.MaxBy(r => r.Ratings)!;
            return new Finding(g.Key, RepeatedVoice,
            [
                Item("ratings", most.Ratings), Item("channel", WireEnum<FeedbackChannel>.Name(most.Channel)), Item("voices", g.Count()),
                Item("fromThem", g.Sum(r => r.Ratings)), Item("stored", stored[g.Key]), Item("least", least),
            ]);
        })];
    }

    /// <summary>
    /// Providers with at least <see cref="ScrutinyOptions.VoicesFromOneRange"/> browsers from one address
    /// range, making half or more of their web voices. A carrier's shared addresses can do this too:
    /// the evidence says how many, and the verified figure is the check.
    /// </summary>
    private async Task<List<Finding>> RangesAsync(FigurePeriod quarter, CancellationToken ct)
    {
        var least = options.Value.VoicesFromOneRange;
        var ranges = await SelfSelected(quarter).Where(f => f.Network != null && f.Voice != null)
            .GroupBy(f => new { f.ProviderId, f.Network }).Select(g => new { g.Key.ProviderId, Voices = g.Select(f => f.Voice).Distinct().Count() })
            .Where(r => r.Voices >= least).ToListAsync(ct);
        var providers = ranges.Select(r => r.ProviderId).Distinct().ToList();
        var web = await SelfSelected(quarter).Where(f => f.Network != null && f.Voice != null && providers.Contains(f.ProviderId))
            .GroupBy(f => f.ProviderId).Select(g => new { ProviderId = g.Key, Voices = g.Select(f => f.Voice).Distinct().Count() })
            .ToDictionaryAsync(g => g.ProviderId, g => g.Voices, ct);
        return [.. ranges.GroupBy(r => r.ProviderId).Select(g => (g.Key, Most: g.Max(r => r.Voices)))
            .Where(r => r.Most * 2 >= web[r.Key])
            .Select(r => new Finding(r.Key, OneRange, [Item("voices", r.Most), Item("webVoices", web[r.Key])]))];
    }

    /// <summary>
    /// For each provider, its busiest hour of self-selected ratings against a Poisson of its own rate
    /// in the rest of the quarter so far (at least one a week); flagged when that chance is below the
    /// stated false-alarm rate divided by every hour of every provider tested (Bonferroni), and the
    /// hour holds at least <see cref="ScrutinyOptions.MinResponses"/>.
    /// </summary>
    private async Task<List<Finding>> BurstsAsync(FigurePeriod quarter, DateTime asOf, CancellationToken ct)
    {
        var settings = options.Value;
        var hours = Math.Max(24, (Math.Min(asOf.Ticks, quarter.EndUtc.Ticks) - quarter.StartUtc.Ticks) / TimeSpan.TicksPerHour);
        var busiest = new List<(int ProviderId, long Hour, int InHour, int Total)>();
        var current = (Provider: -1, Hours: new Dictionary<long, int>());
        await foreach (var item in SelfSelected(quarter).OrderBy(f => f.ProviderId).Select(f => new { f.ProviderId, f.ReceivedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (item.ProviderId != current.Provider)
            {
                Close();
                current = (item.ProviderId, []);
            }

            var hour = item.ReceivedAt.Ticks / TimeSpan.TicksPerHour;
            current.Hours[hour] = current.Hours.GetValueOrDefault(hour) + 1;
        }

        Close();
        var alpha = settings.BurstFalseAlarmRate / Math.Max(1, hours * busiest.Count);
        return [.. busiest.Where(b => b.InHour >= settings.MinResponses)
            .Select(b => (b, Rate: Math.Max(1.0 / (24 * 7), (b.Total - b.InHour) / (double)(hours - 1))))
            .Select(x => (x.b, x.Rate, P: ChanceTests.PoissonUpperTail(x.b.InHour, x.Rate)))
            .Where(x => x.P < alpha)
            .Select(x => new Finding(x.b.ProviderId, Burst,
                [Item("inHour", x.b.InHour), Item("hourAt", new DateTime(x.b.Hour * TimeSpan.TicksPerHour, DateTimeKind.Utc)), Item("perHour", Math.Round(x.Rate, 3)),
                 Item("falseAlarmRate", settings.BurstFalseAlarmRate)], x.P))];

        void Close()
        {
            if (current.Provider < 0) return;
            var top = current.Hours.MaxBy(h => h.Value);
            busiest.Add((current.Provider, top.Key, top.Value, current.Hours.Values.Sum()));
        }
    }
}
