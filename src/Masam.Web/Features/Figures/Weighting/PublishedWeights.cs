using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// Gives the shown totals of the nation and of each aimag (or the capital) their population-weighted
/// satisfaction rate, computed from the shown figures alone, so that it says nothing about a hidden
/// cell that the shown figures do not already say, and anyone can compute it again from the
/// published figures and the NSO tables.
/// <list type="bullet">
/// <item>An aimag: its shown soums' and districts' totals are weighted to their populations (NSO
/// 2020); the soums whose totals are hidden are one pooled group (the aimag's total less its shown
/// soums and own bodies) that stands for their population together; the responses about the aimag's
/// own bodies (its hospital, say), which belong to no soum, keep the mean weight. Soums publish no
/// breakdown by age, so an aimag is not weighted by age.</item>
/// <item>The nation: each shown aimag's shown age-band figures are raked to the aimags' populations
/// and the nation's adults by age band (NSO 2019); an aimag's hidden age bands and those who gave no
/// age are one group outside the age margin; hidden aimags are pooled as above.</item>
/// </list>
/// Soums, providers and sectors are not weighted: a soum's own responses are all it publishes, and
/// the users of a provider or a sector are no population with a known count.
/// </summary>
public sealed class PublishedWeights(IReadOnlyList<(string Soum, string Aimag, double Population)> soums, PopulationMargins population)
{
    private const string Outside = "-";

    public static async Task<PublishedWeights> LoadAsync(MasamDbContext db, PopulationMargins population, CancellationToken ct)
    {
        var soums = await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == AdminUnitLevel.Second && u.Population != null && u.ValidTo == null && u.Parent != null)
            .OrderBy(u => u.Code)
            .Select(u => new { u.Code, Aimag = u.Parent!.Code, u.Population })
            .ToListAsync(ct);
        return new PublishedWeights([.. soums.Select(s => (s.Code, s.Aimag, (double)s.Population!.Value))], population);
    }

    /// <summary>Sets <see cref="PublishedCell.WeightedRate"/> and <see cref="PublishedCell.EffectiveN"/> on the shown totals of the nation and the aimags among the rows (one year's).</summary>
    public void Attach(IReadOnlyList<PublishedCell> rows)
    {
        foreach (var period in rows.GroupBy(r => r.Period, StringComparer.Ordinal))
        {
            var shown = period.Where(r => r.Disclosure == CellDisclosure.Shown && r.ProviderId == 0).ToList();
            var figures = new Figures(
                shown.Where(r => r.Dimension == PublishedFigures.Everyone).ToDictionary(r => (r.Level, r.UnitCode)),
                period.Where(r => r.Disclosure is CellDisclosure.SmallCell or CellDisclosure.Complementary && r.ProviderId == 0 && r.Dimension == PublishedFigures.Everyone)
                    .Select(r => r.UnitCode).ToHashSet(StringComparer.Ordinal),
                shown.Where(r => r.Dimension == FeedbackAggregation.AgeBandDimension).ToLookup(r => r.UnitCode));
            foreach (var ((level, code), row) in figures.Totals)
            {
                var estimate = level switch
                {
                    FigureLevel.Aimag => Aimag(figures, code, row),
                    FigureLevel.National => National(figures, row),
                    _ => null,
                };
                if (estimate is null) continue;
                row.WeightedRate = Math.Round(estimate.Rate, 4);
                row.EffectiveN = Math.Round(estimate.EffectiveN, 1);
            }
        }
    }

    /// <summary>A period's shown totals, the areas whose totals are hidden (soums and aimags, by code), and the shown age-band figures.</summary>
    private sealed record Figures(Dictionary<(FigureLevel, string), PublishedCell> Totals, HashSet<string> Hidden, ILookup<string, PublishedCell> Bands);

    private WeightedEstimate? Aimag(Figures figures, string aimag, PublishedCell total)
    {
        var cells = new List<WeightingCell>();
        var margin = new Dictionary<string, double>(StringComparer.Ordinal);
        var hidden = 0.0;
        // A soum with no responses is in neither: the others stand for it, as for any empty category.
        foreach (var (code, _, people) in soums.Where(s => s.Aimag == aimag))
        {
            if (figures.Totals.TryGetValue((FigureLevel.Soum, code), out var soum))
            {
                cells.AddRange(Split(soum, code));
                margin[code] = people;
            }
            else if (figures.Hidden.Contains(code))
            {
                hidden += people;
            }
        }

        if (figures.Totals.TryGetValue((FigureLevel.AimagBodies, aimag), out var bodies)) cells.AddRange(Split(bodies, Outside));
        return Weigh(total, cells, margin, "soum", PopulationMargins.SoumSource, hidden, new Dictionary<string, double>());
    }

    private WeightedEstimate? National(Figures figures, PublishedCell total)
    {
        var cells = new List<WeightingCell>();
        var margin = new Dictionary<string, double>(StringComparer.Ordinal);
        var hidden = 0.0;
        foreach (var aimag in soums.GroupBy(s => s.Aimag, StringComparer.Ordinal))
        {
            var people = aimag.Sum(s => s.Population);
            if (!figures.Totals.TryGetValue((FigureLevel.Aimag, aimag.Key), out var row))
            {
                if (figures.Hidden.Contains(aimag.Key)) hidden += people;
                continue;
            }

            var groups = figures.Bands[aimag.Key].SelectMany(b => Split(b, aimag.Key, b.Value)).ToList();
            groups.AddRange(Remainder(row, groups, aimag.Key, Outside));
            cells.AddRange(groups);
            margin[aimag.Key] = people;
        }

        return Weigh(total, cells, margin, "aimag", PopulationMargins.SoumSource, hidden, population.AdultsOf(soums.Select(s => s.Soum)));
    }

    /// <summary>Adds the pooled rest of the total (hidden areas, standing for their population) and rakes.</summary>
    private static WeightedEstimate? Weigh(
        PublishedCell total, List<WeightingCell> cells, Dictionary<string, double> areas, string name, string source, double hidden, IReadOnlyDictionary<string, double> adults)
    {
        const string pool = "hidden";
        cells.AddRange(Remainder(total, cells, pool));
        if (hidden > 0) areas[pool] = hidden;
        var margins = new List<WeightingMarginOf> { new(new RakingMargin(name, areas), source) };
        if (adults.Count > 0) margins.Add(new(new RakingMargin("age", adults), PopulationMargins.AgeSource));
        if (cells.Count == 0) return null;
        // Cells without an age category (the soums of an aimag, the pooled rest) have one category fewer than the margins.
        cells = [.. cells.Select(c => c.Categories.Length == margins.Count ? c : c with { Categories = [.. c.Categories, Outside] })];
        return PopulationWeighting.Estimate(cells, margins);
    }

    /// <summary>A shown figure's responses as two groups, satisfied and not, with the given categories.</summary>
    private static IEnumerable<WeightingCell> Split(PublishedCell row, params string[] categories) =>
    [
        new WeightingCell(categories, true, Satisfied(row)),
        new WeightingCell(categories, false, Responses(row) - Satisfied(row)),
    ];

    /// <summary>A total less the groups already counted, as two groups with the given categories.</summary>
    private static IEnumerable<WeightingCell> Remainder(PublishedCell total, IReadOnlyList<WeightingCell> counted, params string[] categories) =>
    [
        new WeightingCell(categories, true, Satisfied(total) - counted.Where(c => c.Satisfied).Sum(c => c.Count)),
        new WeightingCell(categories, false, Responses(total) - Satisfied(total) - counted.Where(c => !c.Satisfied).Sum(c => c.Count)),
    ];

    private static int Satisfied(PublishedCell row) => row.C4!.Value + row.C5!.Value;

    private static int Responses(PublishedCell row) => row.C1!.Value + row.C2!.Value + row.C3!.Value + row.C4!.Value + row.C5!.Value;
}
