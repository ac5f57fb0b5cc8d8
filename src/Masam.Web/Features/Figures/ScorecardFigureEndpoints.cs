using Masam.Web.Data;
using Masam.Web.Features.Scorecards;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>
/// Published Community Score Card figures, from the stored rows: every agreed cycle ending in the
/// period, each indicator with every group's score side by side, the consolidated score, the
/// self-score and the gap; and per library indicator, the means across those cycles.
/// </summary>
public static class ScorecardFigureEndpoints
{
    public static RouteHandlerBuilder MapScorecardFiguresApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/scorecard-figures", GetAsync).AllowAnonymous().WithTags("Figures")
            .WithName("GetScorecardFigures")
            .WithSummary("Community Score Card figures for a period and a scope: per cycle and indicator, each group's score, the consolidated score, self-score and gap")
            .WithDescription("period: 2026, 2026-Q1 or 2026-03 (cycles by the month their period ends). adminUnit: NSO code; provider: id; sector: code.");

    private static Task<Results<Ok<ScorecardFigures>, ValidationProblem>> GetAsync(
        MasamDbContext db, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null) =>
        FigureScope.RespondAsync(db, text, period, adminUnit, provider, sector, scope => ReadAsync(db, scope, ct), ct);

    public static async Task<ScorecardFigures> ReadAsync(MasamDbContext db, FigureScope scope, CancellationToken ct)
    {
        var months = scope.Period.MonthsCovered.ToList();
        var figures = await db.ScorecardFigures.AsNoTracking()
            .Where(f => months.Contains(f.Month) && scope.Providers.Any(p => p.Id == f.ProviderId))
            .OrderBy(f => f.CycleId).ThenBy(f => f.Position)
            .ToListAsync(ct);
        var cycleIds = figures.Select(f => f.CycleId).Distinct().ToList();
        var groups = (await db.ScorecardGroupFigures.AsNoTracking().Where(g => cycleIds.Contains(g.CycleId)).ToListAsync(ct))
            .OrderBy(g => g.GroupType).ThenBy(g => g.FocusGroupId)
            .ToLookup(g => (g.CycleId, g.CycleIndicatorId));
        var providers = await db.Providers.AsNoTracking().Where(p => figures.Select(f => f.ProviderId).Contains(p.Id))
            .Select(p => new { p.Id, p.NameMn, p.NameEn, p.AdminUnit!.Code }).ToDictionaryAsync(p => p.Id, ct);

        var cycles = figures.GroupBy(f => f.CycleId).Select(cycle =>
        {
            var first = cycle.First();
            var provider = providers[first.ProviderId];
            return new ScorecardCycleFigures(cycle.Key, first.ProviderId, provider.NameMn, provider.NameEn, provider.Code, first.Month,
                [.. cycle.Select(f => new ScorecardIndicatorFigures(f.CycleIndicatorId, f.LibraryIndicatorId, f.NameMn, f.NameEn,
                    [.. groups[(f.CycleId, f.CycleIndicatorId)].Select(g => new ScorecardGroupScore(g.FocusGroupId, g.GroupType, g.GroupName, g.Participants, g.Score))],
                    f.CommunityScore, f.SelfScore, f.Gap))]);
        }).ToList();

        // Across cycles only the library's indicators compare; a cycle's own indicators stand in their cycle.
        var byIndicator = figures.Where(f => f.LibraryIndicatorId is not null).GroupBy(f => f.LibraryIndicatorId!.Value).OrderBy(g => g.Key)
            .Select(g => new ScorecardIndicatorSummary(g.Key, g.First().NameMn, g.First().NameEn, g.Select(f => f.CycleId).Distinct().Count(),
                MeanOf(g.Select(f => f.CommunityScore)), MeanOf(g.Select(f => (decimal?)f.SelfScore)), MeanOf(g.Select(f => f.Gap))))
            .ToList();
        return new ScorecardFigures(scope.Period.Name, scope.UnitCode, scope.ProviderId, scope.Sector, FeedbackAggregation.MethodVersion,
            await FigureScope.CountedAtAsync(db, ct), cycles, byIndicator);
    }

    private static decimal? MeanOf(IEnumerable<decimal?> values)
    {
        var given = values.OfType<decimal>().ToList();
        return given.Count == 0 ? null : Math.Round(given.Average(), 2, MidpointRounding.AwayFromZero);
    }
}

public sealed record ScorecardFigures(
    string Period, string? AdminUnit, int? Provider, string? Sector, string MethodVersion, DateTime? CountedAt,
    IReadOnlyList<ScorecardCycleFigures> Cycles, IReadOnlyList<ScorecardIndicatorSummary> Indicators);

public sealed record ScorecardCycleFigures(
    int CycleId, int ProviderId, string ProviderNameMn, string ProviderNameEn, string AdminUnitCode, DateOnly Month,
    IReadOnlyList<ScorecardIndicatorFigures> Indicators);

public sealed record ScorecardIndicatorFigures(
    int CycleIndicatorId, int? LibraryIndicatorId, string NameMn, string NameEn, IReadOnlyList<ScorecardGroupScore> Groups,
    decimal? CommunityScore, int? SelfScore, decimal? Gap);

public sealed record ScorecardGroupScore(int FocusGroupId, FocusGroupType GroupType, string? GroupName, int Participants, int Score);

/// <summary>One library indicator across the cycles of the scope: the means of the consolidated score, the self-score and the gap.</summary>
public sealed record ScorecardIndicatorSummary(
    int LibraryIndicatorId, string NameMn, string NameEn, int Cycles, decimal? MeanCommunityScore, decimal? MeanSelfScore, decimal? MeanGap);
