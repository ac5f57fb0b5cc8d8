using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Figures;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Visits;

/// <summary>
/// Staff figures by source, within the account's scope, for any period (the current one too): per
/// provider, the satisfaction of its verified answers (the survey of real visits) beside that of
/// its self-selected ones (every other channel), each with n and its Wilson 95 % interval, counted
/// as the figures are (each voice once), and the survey's response rate. Where the two disagree
/// beyond their intervals, the scan flags it (<see cref="Scrutiny.Signals.SourcesDisagree"/>).
/// </summary>
public sealed class SourceFigures(MasamDbContext db, CurrentStaff staff)
{
    private const string Survey = "survey";

    public async Task<IReadOnlyList<SourceFigureRow>> ForAsync(FigurePeriod period, CancellationToken ct)
    {
        var months = period.MonthsCovered.ToList();
        var providers = db.Providers.Where(staff.Scope.Filter<Providers.Provider>(p => p.Id, p => p.AdminUnit!.Path)).Select(p => p.Id);
        var counts = await db.FeedbackCounts.AsNoTracking()
            .Where(c => months.Contains(c.Month) && providers.Contains(c.ProviderId)
                && (c.Dimension == PublishedFigures.Everyone || (c.Dimension == "channel" && c.Value == Survey)))
            .GroupBy(c => new { c.ProviderId, Verified = c.Dimension != PublishedFigures.Everyone })
            .Select(g => new { g.Key.ProviderId, g.Key.Verified, C1 = g.Sum(c => c.C1), C2 = g.Sum(c => c.C2), C3 = g.Sum(c => c.C3), C4 = g.Sum(c => c.C4), C5 = g.Sum(c => c.C5) })
            .ToListAsync(ct);
        var survey = await db.Set<ServiceVisit>().AsNoTracking()
            .Where(v => v.VisitedAt >= period.StartUtc && v.VisitedAt < period.EndUtc && providers.Contains(v.ProviderId))
            .GroupBy(v => v.ProviderId)
            .Select(g => new { ProviderId = g.Key, Asked = g.Count(v => v.AskedAt != null), Answered = g.Count(v => v.Survey == SurveyState.Answered) })
            .ToDictionaryAsync(g => g.ProviderId, ct);
        var ids = counts.Select(c => c.ProviderId).Union(survey.Keys).ToList();
        var names = await db.Providers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Code, p.NameMn, p.NameEn }, ct);

        int[] Scores(int provider, bool verified) => counts.FirstOrDefault(c => c.ProviderId == provider && c.Verified == verified) is { } c ? [c.C1, c.C2, c.C3, c.C4, c.C5] : [0, 0, 0, 0, 0];
        return [.. ids.Select(id =>
            {
                var (all, verified) = (Scores(id, verified: false), Scores(id, verified: true));
                var (asked, answered) = survey.TryGetValue(id, out var s) ? (s.Asked, s.Answered) : (0, 0);
                return new SourceFigureRow(names[id].Code, Localization.Cultures.Pick(names[id].NameMn, names[id].NameEn),
                    SourceFigure.Of([.. all.Zip(verified, (a, v) => a - v)]), SourceFigure.Of(verified), asked, answered,
                    asked == 0 ? null : Math.Round((double)answered / asked, 3));
            })
            .OrderBy(r => r.ProviderName, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];
    }
}

/// <param name="SelfSelected">Every channel but the survey: those who chose to speak.</param>
/// <param name="Verified">The survey's answers: people Masam asked because they were served.</param>
/// <param name="ResponseRate">Answered of asked (0 to 1); null before anyone was asked.</param>
public sealed record SourceFigureRow(string Provider, string ProviderName, SourceFigure SelfSelected, SourceFigure Verified, int Asked, int Answered, double? ResponseRate);

/// <summary>n, the satisfaction rate (share of 4 and 5) and its Wilson 95 % interval; no rate without answers.</summary>
public sealed record SourceFigure(int N, double? Rate, double? RateLower, double? RateUpper)
{
    public static SourceFigure Of(int[] scores)
    {
        var statistics = SatisfactionStatistics.FromCounts(scores);
        return new SourceFigure(statistics.N, statistics.Rate, statistics.RateLower, statistics.RateUpper);
    }
}
