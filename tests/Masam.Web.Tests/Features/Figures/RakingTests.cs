using Masam.Web.Features.Figures.Weighting;

namespace Masam.Web.Tests.Features.Figures;

/// <summary>
/// Raking against the worked example of Kalton and Flores-Cervantes (2003), "Weighting Methods",
/// J. Official Statistics 19(2) (also in the test suite of R's survey package): a sample of 1,000
/// in a 4 × 3 table raked to a population of 1,500's two margins; and convergence, a category with
/// no respondent, and trimming.
/// </summary>
public sealed class RakingTests
{
    // Rows a = 1..4, columns b = 1..3: respondents, and the population.
    private static readonly int[,] Sample = { { 20, 40, 40 }, { 50, 140, 310 }, { 100, 50, 50 }, { 30, 100, 70 } };
    private static readonly int[,] Population = { { 80, 40, 55 }, { 60, 150, 340 }, { 170, 60, 200 }, { 55, 165, 125 } };

    /// <summary>The raked weight of each cell, to two decimals, as the paper's Table B gives it.</summary>
    private static readonly double[,] TableB = { { 1.81, 1.45, 2.02 }, { 1.08, 0.87, 1.21 }, { 2.20, 1.76, 2.45 }, { 1.83, 1.47, 2.04 } };

    private static (List<string[]> Respondents, RakingMargin[] Margins) Kalton()
    {
        var respondents = new List<string[]>();
        for (var a = 0; a < 4; a++)
        for (var b = 0; b < 3; b++)
            respondents.AddRange(Enumerable.Repeat(new[] { $"a{a + 1}", $"b{b + 1}" }, Sample[a, b]));

        var byA = Enumerable.Range(0, 4).ToDictionary(a => $"a{a + 1}", a => (double)Enumerable.Range(0, 3).Sum(b => Population[a, b]));
        var byB = Enumerable.Range(0, 3).ToDictionary(b => $"b{b + 1}", b => (double)Enumerable.Range(0, 4).Sum(a => Population[a, b]));
        return (respondents, [new RakingMargin("a", byA), new RakingMargin("b", byB)]);
    }

    [Fact]
    public void TheKaltonExample_GivesTheRakedWeightsOfTableB_ToTwoDecimals()
    {
        var (respondents, margins) = Kalton();

        var result = Raking.Rake(respondents, margins, new RakingOptions(Tolerance: 1e-6));

        Assert.True(result.Converged, string.Join("; ", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        for (var a = 0; a < 4; a++)
        for (var b = 0; b < 3; b++)
        {
            var cell = respondents.FindIndex(r => r[0] == $"a{a + 1}" && r[1] == $"b{b + 1}");
            Assert.Equal(TableB[a, b], Math.Round(result.Weights[cell], 2));
        }

        Assert.Equal(1500, result.Weights.Sum(), 6);
        // Kish: (Σw)² / Σw², and the design effect n / n_eff, from the same weights.
        Assert.Equal(1500.0 * 1500 / result.Weights.Sum(w => w * w), result.EffectiveSize, 9);
        Assert.Equal(1000 / result.EffectiveSize, result.DesignEffect, 9);
        Assert.InRange(result.EffectiveSize, 1, 1000);
    }

    [Fact]
    public void TheKaltonExample_GivenAsTwelveCellsWithTheirCounts_GivesTheSameWeights_AndTheSameEffectiveSize()
    {
        var (respondents, margins) = Kalton();
        var one = Raking.Rake(respondents, margins, new RakingOptions(LowerBound: 0.6, UpperBound: 1.6));
        var cells = respondents.GroupBy(r => (r[0], r[1])).Select(g => (Categories: g.First(), Count: g.Count())).ToList();

        var grouped = Raking.Rake([.. cells.Select(c => c.Categories)], margins, new RakingOptions(LowerBound: 0.6, UpperBound: 1.6), [.. cells.Select(c => c.Count)]);

        Assert.True(grouped.Converged);
        foreach (var (cell, i) in cells.Select((c, i) => (c, i)))
        {
            var first = respondents.FindIndex(r => r[0] == cell.Categories[0] && r[1] == cell.Categories[1]);
            Assert.Equal(one.Weights[first], grouped.Weights[i], 9);
        }

        Assert.Equal(one.EffectiveSize, grouped.EffectiveSize, 6);
        Assert.Equal(one.DesignEffect, grouped.DesignEffect, 9);
    }

    [Fact]
    public void EqualWeightsAlready_FitAtOnce_WithNoDesignEffect()
    {
        string[][] respondents = [["f", "town"], ["m", "town"], ["f", "herder"], ["m", "herder"]];
        RakingMargin[] margins = [new("gender", new Dictionary<string, double> { ["f"] = 50, ["m"] = 50 }), new("home", new Dictionary<string, double> { ["town"] = 50, ["herder"] = 50 })];

        var result = Raking.Rake(respondents, margins, new RakingOptions());

        Assert.True(result.Converged);
        Assert.Equal(1, result.Iterations);
        Assert.All(result.Weights, w => Assert.Equal(25, w, 9));
        Assert.Equal(4, result.EffectiveSize, 9);
        Assert.Equal(1, result.DesignEffect, 9);
    }

    [Fact]
    public void AMarginCategoryWithNoRespondent_IsNamedInTheDiagnostics_AndTheOthersStandForIt()
    {
        var (respondents, margins) = Kalton();
        respondents.RemoveAll(r => r[0] == "a1");

        var result = Raking.Rake(respondents, margins, new RakingOptions());

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Contains("a: no respondent in category 'a1'", diagnostic);
        Assert.True(result.Converged);
        // The population of a2..a4 is scaled up to the whole 1,500.
        Assert.Equal(1500, result.Weights.Sum(), 6);
        Assert.Equal(550.0 / (550 + 430 + 345) * 1500, respondents.Select((r, i) => (r, i)).Where(p => p.r[0] == "a2").Sum(p => result.Weights[p.i]), 3);
    }

    [Fact]
    public void Trimming_HoldsEveryWeightWithinItsBounds_AndSaysWhenTheFitCannotBeMetWithin()
    {
        var (respondents, margins) = Kalton();

        // Bounds that bite (the untrimmed weights run from 0.58 to 1.63 × the mean) but leave room to fit.
        var loose = Raking.Rake(respondents, margins, new RakingOptions(LowerBound: 0.6, UpperBound: 1.6));
        const double mean = 1500.0 / 1000; // the bounds are on the mean weight the fit aims at
        Assert.All(loose.Weights, w => Assert.InRange(w, 0.6 * mean * 0.999999, 1.6 * mean * 1.000001));
        Assert.True(loose.Converged, string.Join("; ", loose.Diagnostics));

        // The largest untrimmed weight is 2.45 / 1.5 = 1.63 × the mean: a bound of 1.2 cannot fit both margins.
        var tight = Raking.Rake(respondents, margins, new RakingOptions(MaxIterations: 30, LowerBound: 0.9, UpperBound: 1.2));
        Assert.All(tight.Weights, w => Assert.InRange(w, 0.9 * mean * 0.999999, 1.2 * mean * 1.000001));
        Assert.False(tight.Converged);
        Assert.Contains(tight.Diagnostics, d => d.Contains("did not converge in 30 iterations", StringComparison.Ordinal));
    }

    [Fact]
    public void MarginsOfDifferentSums_AreScaledToTheFirst()
    {
        var (respondents, margins) = Kalton();
        var doubled = new RakingMargin("b", margins[1].Totals.ToDictionary(t => t.Key, t => t.Value * 2));

        var result = Raking.Rake(respondents, [margins[0], doubled], new RakingOptions());

        Assert.True(result.Converged);
        Assert.Equal(1.81, Math.Round(result.Weights[0], 2));
    }
}
