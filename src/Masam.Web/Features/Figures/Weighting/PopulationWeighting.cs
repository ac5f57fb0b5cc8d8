namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// The weighted satisfaction rate of a set of respondents, grouped by their categories in the
/// population margins (soum or aimag, age band) and whether satisfied, raked to those margins, with
/// Kish's effective n, the design effect and a Wilson interval on the effective n. Both the staff's figure (<see cref="WeightedSatisfaction"/>, on every response) and
/// the published one (<see cref="PublishedWeights"/>, on the shown figures only) are computed here.
/// </summary>
public static class PopulationWeighting
{
    /// <summary>Trimming: no weight below a fifth or above five times the mean (a common choice that keeps n_eff from collapsing).</summary>
    public static readonly RakingOptions Method = new(MaxIterations: 100, Tolerance: 1e-6, LowerBound: 0.2, UpperBound: 5);

    /// <summary>The margins for respondents of the given soums: their populations (when more than one) and their adults by age band (when known).</summary>
    public static IReadOnlyList<WeightingMarginOf> SoumsAndAges(IReadOnlyDictionary<string, double> soums, IReadOnlyDictionary<string, double> adults)
    {
        var margins = new List<WeightingMarginOf>();
        if (soums.Count > 1) margins.Add(new(new RakingMargin("soum", soums), PopulationMargins.SoumSource));
        if (adults.Count > 0) margins.Add(new(new RakingMargin("age", adults), PopulationMargins.AgeSource));
        return margins;
    }

    /// <param name="cells">The respondents in groups, each with its category in every margin (in order); a category a margin lacks (an aimag's own bodies, "unknown", a pooled remainder) keeps the weight the other margins give it.</param>
    /// <returns>Null when there is no respondent.</returns>
    public static WeightedEstimate? Estimate(IReadOnlyList<WeightingCell> cells, IReadOnlyList<WeightingMarginOf> margins)
    {
        cells = [.. cells.Where(c => c.Count > 0)];
        if (cells.Count == 0)
        {
            return null;
        }

        var fit = Raking.Rake([.. cells.Select(c => c.Categories)], [.. margins.Select(m => m.Margin)], Method, [.. cells.Select(c => c.Count)]);
        var total = cells.Select((c, i) => fit.Weights[i] * c.Count).Sum();
        var rate = cells.Select((c, i) => c.Satisfied ? fit.Weights[i] * c.Count : 0).Sum() / total;
        var (lower, upper) = SatisfactionStatistics.WilsonInterval(rate, fit.EffectiveSize);
        return new WeightedEstimate(rate, lower, upper, fit.EffectiveSize, fit.DesignEffect,
            [.. margins.Select(m => new WeightingMargin(m.Margin.Name, m.Source))], fit.Diagnostics);
    }
}

/// <summary>A margin to weight to, and where its population figures come from.</summary>
public sealed record WeightingMarginOf(RakingMargin Margin, string Source);

/// <summary>Respondents alike in every margin's category (in the margins' order) and in satisfaction.</summary>
public sealed record WeightingCell(string[] Categories, bool Satisfied, int Count);

public sealed record WeightedEstimate(
    double Rate, double Lower, double Upper, double EffectiveN, double DesignEffect, IReadOnlyList<WeightingMargin> Margins, IReadOnlyList<string> Diagnostics);
