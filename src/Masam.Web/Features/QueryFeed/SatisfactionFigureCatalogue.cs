using System.ComponentModel.DataAnnotations;
using Masam.Web.Data;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.QueryFeed;

/// <summary>
/// One published satisfaction figure of the feed: a quarter or a year that has ended; the nation,
/// an aimag (or the capital), an aimag's own bodies, a soum (or district) or a provider; everyone,
/// one value of one dimension, or one sector. Exactly as <see cref="PublishedFigures"/> publishes it:
/// <see cref="Disclosure"/> says why a figure is missing, and it is never zero.
/// </summary>
public sealed class SatisfactionFigureRow
{
    [Key]
    public required string Id { get; init; }

    /// <summary><c>2026-Q1</c> or <c>2026</c>.</summary>
    public required string Period { get; init; }

    /// <summary><c>quarter</c> or <c>year</c>.</summary>
    public required string PeriodType { get; init; }

    public DateOnly PeriodStart { get; init; }

    /// <summary><c>national</c>, <c>aimag</c>, <c>aimag-bodies</c>, <c>soum</c> or <c>provider</c>.</summary>
    public required string Level { get; init; }

    public required string UnitCode { get; init; }
    public required string UnitNameMn { get; init; }
    public required string UnitNameEn { get; init; }

    /// <summary>The provider, at the provider level.</summary>
    public int? ProviderId { get; init; }

    public string? AimagCode { get; init; }
    public required string Dimension { get; init; }
    public required string Value { get; init; }
    public required string Disclosure { get; init; }
    public int? N { get; init; }
    public double? Mean { get; init; }
    public double? Rate { get; init; }
    public double? RateLower { get; init; }
    public double? RateUpper { get; init; }

    /// <summary>For a shown total of the nation or an aimag: the population-weighted rate (computed from the shown figures only), its interval on the effective n, the effective n and the design effect.</summary>
    public double? WeightedRate { get; init; }

    public double? WeightedRateLower { get; init; }
    public double? WeightedRateUpper { get; init; }
    public double? EffectiveN { get; init; }
    public double? DesignEffect { get; init; }
}

/// <summary>
/// The feed's satisfaction figures: what <see cref="PublishedFigures"/> publishes, with the names of
/// the units and providers, kept in memory until the next aggregation run finishes. No figure is
/// counted or hidden here.
/// </summary>
public sealed class SatisfactionFigureCatalogue(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private (DateTime? CountedAt, IReadOnlyList<SatisfactionFigureRow> Rows) _cache = (DateTime.MinValue, []);

    public async Task<IReadOnlyList<SatisfactionFigureRow>> GetAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<PublishedFigures>();
        var countedAt = await figures.CountedAtAsync(ct);
        if (_cache.CountedAt == countedAt) return _cache.Rows;

        await _building.WaitAsync(ct);
        try
        {
            if (_cache.CountedAt != countedAt) _cache = (countedAt, await BuildAsync(scope.ServiceProvider.GetRequiredService<MasamDbContext>(), figures, ct));
            return _cache.Rows;
        }
        finally
        {
            _building.Release();
        }
    }

    private static async Task<IReadOnlyList<SatisfactionFigureRow>> BuildAsync(MasamDbContext db, PublishedFigures figures, CancellationToken ct)
    {
        var units = await db.AdminUnits.AsNoTracking().Select(u => new { u.Code, u.NameMn, u.NameEn }).ToDictionaryAsync(u => u.Code, ct);
        var providers = await db.Providers.AsNoTracking().Select(p => new { p.Id, p.NameMn, p.NameEn }).ToDictionaryAsync(p => p.Id, ct);
        var bodies = Localization.TextCatalogue.Default.Find("figures.aimagBodies")!;
        return [.. (await figures.AllAsync(ct))
            .OrderBy(f => f.Period, StringComparer.Ordinal).ThenBy(f => f.Level).ThenBy(f => f.UnitCode, StringComparer.Ordinal).ThenBy(f => f.ProviderId)
            .ThenBy(f => f.Dimension, StringComparer.Ordinal).ThenBy(f => f.Cell.Value, StringComparer.Ordinal)
            .Select(f =>
            {
                var period = FigurePeriod.Parse(f.Period)!;
                var unit = units.GetValueOrDefault(f.UnitCode);
                var (nameMn, nameEn) = f.Level switch
                {
                    FigureLevel.National => ("Монгол Улс", "Mongolia"),
                    FigureLevel.Provider => (providers[f.ProviderId].NameMn, providers[f.ProviderId].NameEn),
                    FigureLevel.AimagBodies => (string.Format(System.Globalization.CultureInfo.InvariantCulture, bodies.Mn, unit?.NameMn),
                        string.Format(System.Globalization.CultureInfo.InvariantCulture, bodies.En, unit?.NameEn)),
                    _ => (unit?.NameMn ?? f.UnitCode, unit?.NameEn ?? f.UnitCode),
                };
                var cell = f.Cell;
                return new SatisfactionFigureRow
                {
                    Id = $"{f.Period}|{WireEnum<FigureLevel>.Name(f.Level)}|{f.UnitCode}|{f.ProviderId}|{f.Dimension}|{cell.Value}", Period = f.Period,
                    PeriodType = period.Months == 3 ? "quarter" : "year", PeriodStart = period.FirstMonth, Level = WireEnum<FigureLevel>.Name(f.Level),
                    UnitCode = f.UnitCode, UnitNameMn = nameMn, UnitNameEn = nameEn, ProviderId = f.Level == FigureLevel.Provider ? f.ProviderId : null,
                    AimagCode = f.AimagCode, Dimension = f.Dimension, Value = cell.Value, Disclosure = WireEnum<CellDisclosure>.Name(cell.Disclosure),
                    N = cell.N, Mean = cell.Mean, Rate = cell.Rate, RateLower = cell.RateLower, RateUpper = cell.RateUpper,
                    WeightedRate = cell.Weighted?.Rate, WeightedRateLower = cell.Weighted?.Lower, WeightedRateUpper = cell.Weighted?.Upper,
                    EffectiveN = cell.Weighted?.EffectiveN, DesignEffect = cell.Weighted?.DesignEffect,
                };
            })];
    }
}
