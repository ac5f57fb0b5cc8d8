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
        findings.AddRange(await ItemSignalsAsync(quarter, asOf, ct));
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

    /// <summary>What one provider's self-selected ratings of the quarter show, gathered in one pass.</summary>
    private sealed class ProviderItems(int providerId)
    {
        public int ProviderId { get; } = providerId;
        public int Stored { get; set; }
        public Dictionary<long, int> Hours { get; } = [];
        public Dictionary<(string Voice, FeedbackChannel Channel), int> Voices { get; } = [];
        public Dictionary<string, HashSet<string>> Ranges { get; } = new(StringComparer.Ordinal);
        public HashSet<string> WebVoices { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// The signals read from the items themselves, in one pass over the quarter's self-selected
    /// ratings as stored (every rating, counted or not), a provider at a time: repeated voices,
    /// one address range, bursts.
    /// </summary>
    private async Task<List<Finding>> ItemSignalsAsync(FigurePeriod quarter, DateTime asOf, CancellationToken ct)
    {
        var findings = new List<Finding>();
        var busiest = new List<(int ProviderId, long Hour, int InHour, int Total)>();
        ProviderItems? current = null;
        var items = db.Feedback.AsNoTracking()
            .Where(f => f.ReceivedMonth >= quarter.FirstMonth && f.ReceivedMonth < quarter.FirstMonth.AddMonths(3) && f.Channel != FeedbackChannel.Survey)
            .OrderBy(f => f.ProviderId).Select(f => new { f.ProviderId, f.ReceivedAt, f.Voice, f.Network, f.Channel });
        await foreach (var item in items.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (item.ProviderId != current?.ProviderId)
            {
                Close(current);
                current = new ProviderItems(item.ProviderId);
            }

            current.Stored++;
            var hour = item.ReceivedAt.Ticks / TimeSpan.TicksPerHour;
            current.Hours[hour] = current.Hours.GetValueOrDefault(hour) + 1;
            if (item.Voice is null) continue;
            current.Voices[(item.Voice, item.Channel)] = current.Voices.GetValueOrDefault((item.Voice, item.Channel)) + 1;
            if (item.Network is null) continue;
            current.WebVoices.Add(item.Voice);
            if (!current.Ranges.TryGetValue(item.Network, out var inRange)) current.Ranges[item.Network] = inRange = new(StringComparer.Ordinal);
            inRange.Add(item.Voice);
        }

        Close(current);
        findings.AddRange(Bursts(busiest, quarter, asOf));
        return findings;

        void Close(ProviderItems? provider)
        {
            if (provider is null) return;
            var top = provider.Hours.MaxBy(h => h.Value);
            busiest.Add((provider.ProviderId, top.Key, top.Value, provider.Stored));
            if (RepeatedVoices(provider) is { } repeated) findings.Add(repeated);
            if (FromOneRange(provider) is { } range) findings.Add(range);
        }
    }

    /// <summary>A provider rated by one voice (a voice is one phone, browser, address or operator in one month) at least <see cref="ScrutinyOptions.RepeatedVoice"/> times.</summary>
    private Finding? RepeatedVoices(ProviderItems provider)
    {
        var least = options.Value.RepeatedVoice;
        var repeated = provider.Voices.Where(v => v.Value >= least).ToList();
        if (repeated.Count == 0) return null;
        var most = repeated.MaxBy(v => v.Value);
        return new Finding(provider.ProviderId, RepeatedVoice,
        [
            Item("ratings", most.Value), Item("channel", WireEnum<FeedbackChannel>.Name(most.Key.Channel)), Item("voices", repeated.Count),
            Item("fromThem", repeated.Sum(v => v.Value)), Item("stored", provider.Stored), Item("least", least),
        ]);
    }

    /// <summary>
    /// A provider with at least <see cref="ScrutinyOptions.VoicesFromOneRange"/> browsers from one address
    /// range, making half or more of its web voices. A carrier's shared addresses can do this too:
    /// the evidence says how many, and the verified figure is the check.
    /// </summary>
    private Finding? FromOneRange(ProviderItems provider)
    {
        var most = provider.Ranges.Values.Select(v => v.Count).DefaultIfEmpty(0).Max();
        return most >= options.Value.VoicesFromOneRange && most * 2 >= provider.WebVoices.Count
            ? new Finding(provider.ProviderId, OneRange, [Item("voices", most), Item("webVoices", provider.WebVoices.Count)])
            : null;
    }

    /// <summary>
    /// For each provider, its busiest hour of self-selected ratings against a Poisson of its own rate
    /// in the rest of the quarter so far (at least one a week); flagged when that chance is below the
    /// stated false-alarm rate divided by every hour of every provider tested (Bonferroni), and the
    /// hour holds at least <see cref="ScrutinyOptions.MinResponses"/>.
    /// </summary>
    private IEnumerable<Finding> Bursts(List<(int ProviderId, long Hour, int InHour, int Total)> busiest, FigurePeriod quarter, DateTime asOf)
    {
        var settings = options.Value;
        var hours = Math.Max(24, (Math.Min(asOf.Ticks, quarter.EndUtc.Ticks) - quarter.StartUtc.Ticks) / TimeSpan.TicksPerHour);
        var alpha = settings.BurstFalseAlarmRate / Math.Max(1, hours * busiest.Count);
        return busiest.Where(b => b.InHour >= settings.MinResponses)
            .Select(b => (b, Rate: Math.Max(1.0 / (24 * 7), (b.Total - b.InHour) / (double)(hours - 1))))
            .Select(x => (x.b, x.Rate, P: ChanceTests.PoissonUpperTail(x.b.InHour, x.Rate)))
            .Where(x => x.P < alpha)
            .Select(x => new Finding(x.b.ProviderId, Burst,
                [Item("inHour", x.b.InHour), Item("hourAt", new DateTime(x.b.Hour * TimeSpan.TicksPerHour, DateTimeKind.Utc)), Item("perHour", Math.Round(x.Rate, 3)),
                 Item("falseAlarmRate", settings.BurstFalseAlarmRate)], x.P));
    }
}
