namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// Raking (iterative proportional fitting): adjusts each respondent's weight, one margin at a
/// time, until the weighted count of every category of every margin matches the population's,
/// within <see cref="RakingOptions.Tolerance"/>. With trimming bounds, weights are held within
/// [lower, upper] × the mean weight after each pass and raking goes on, so the fit and the bounds
/// are met together or the diagnostics say the fit did not converge. Kalton and Flores-Cervantes
/// (2003), "Weighting Methods", Journal of Official Statistics 19(2), section 2.3.
/// </summary>
public static class Raking
{
    /// <param name="categories">For each respondent, or each group of respondents alike in every margin, their category in each margin (in the margins' order).</param>
    /// <param name="margins">The population totals of each margin's categories.</param>
    /// <param name="counts">How many respondents each entry of <paramref name="categories"/> stands for (one each when null): a group's respondents share one weight.</param>
    public static RakingResult Rake(IReadOnlyList<string[]> categories, IReadOnlyList<RakingMargin> margins, RakingOptions options, IReadOnlyList<int>? counts = null)
    {
        var groups = categories.Count;
        var sizes = counts?.ToArray() ?? [.. Enumerable.Repeat(1, groups)];
        var n = sizes.Sum();
        var diagnostics = new List<string>();
        if (n == 0 || margins.Count == 0)
        {
            diagnostics.Add(n == 0 ? "No respondents: nothing to weight." : "No margins: the weights are all 1.");
            return RakingResult.Of([.. sizes.Select(size => (double)size)], sizes, 0, n > 0, diagnostics);
        }

        // Each margin's totals, over the categories that have respondents, scaled to one common
        // total (the first margin's): margins from different years or sources differ a little in sum.
        var total = margins[0].Totals.Values.Sum();
        // Each group's total weight, starting from the mean weight (population over respondents), so
        // that respondents outside a margin's categories weigh as an average one in it; a
        // respondent's weight is its group's over its size.
        var weights = sizes.Select(size => size * total / n).ToArray();
        var targets = new List<Dictionary<string, double>>(margins.Count);
        for (var m = 0; m < margins.Count; m++)
        {
            var present = categories.Where((_, i) => sizes[i] > 0).Select(c => c[m]).ToHashSet(StringComparer.Ordinal);
            foreach (var empty in margins[m].Totals.Where(t => t.Value > 0 && !present.Contains(t.Key)).Select(t => t.Key))
            {
                diagnostics.Add($"{margins[m].Name}: no respondent in category '{empty}' ({margins[m].Totals[empty]:0} in the population); it is left out and the margin's other categories stand for it.");
            }

            foreach (var unknown in present.Where(c => !margins[m].Totals.ContainsKey(c)))
            {
                diagnostics.Add($"{margins[m].Name}: respondents in category '{unknown}', which the population margin does not have; they keep the weight the other margins give them.");
            }

            var kept = margins[m].Totals.Where(t => present.Contains(t.Key) && t.Value > 0).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            var sum = kept.Values.Sum();
            targets.Add(sum > 0 ? kept.ToDictionary(t => t.Key, t => t.Value * total / sum, StringComparer.Ordinal) : kept);
        }

        // Each respondent's index into each margin's categories, once.
        var keys = targets.Select(t => t.Keys.ToArray()).ToArray();
        var slots = new int[margins.Count][];
        for (var m = 0; m < margins.Count; m++)
        {
            var index = keys[m].Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
            slots[m] = [.. categories.Select(c => index.TryGetValue(c[m], out var i) ? i : -1)];
        }

        var iterations = 0;
        var converged = false;
        while (iterations < options.MaxIterations && !converged)
        {
            iterations++;
            for (var m = 0; m < margins.Count; m++)
            {
                var sums = Sums(weights, slots[m], keys[m].Length);
                for (var i = 0; i < groups; i++)
                {
                    if (slots[m][i] is var s and >= 0 && sums[s] > 0)
                    {
                        weights[i] *= targets[m][keys[m][s]] / sums[s];
                    }
                }
            }

            var trimmed = Trim(weights, sizes, options, total / n);
            converged = !trimmed && Deviation(weights, slots, keys, targets) <= options.Tolerance;
        }

        if (!converged)
        {
            diagnostics.Add($"The fit did not converge in {options.MaxIterations} iterations (largest relative gap {Deviation(weights, slots, keys, targets):0.####}, tolerance {options.Tolerance}).");
        }

        return RakingResult.Of(weights, sizes, iterations, converged, diagnostics);
    }

    private static double[] Sums(double[] weights, int[] slots, int count)
    {
        var sums = new double[count];
        for (var i = 0; i < weights.Length; i++)
        {
            if (slots[i] >= 0) sums[slots[i]] += weights[i];
        }

        return sums;
    }

    /// <summary>The largest |weighted count / population count − 1| over all categories of all margins.</summary>
    private static double Deviation(double[] weights, int[][] slots, string[][] keys, List<Dictionary<string, double>> targets)
    {
        var worst = 0.0;
        for (var m = 0; m < slots.Length; m++)
        {
            var sums = Sums(weights, slots[m], keys[m].Length);
            for (var s = 0; s < sums.Length; s++)
            {
                worst = Math.Max(worst, Math.Abs(sums[s] / targets[m][keys[m][s]] - 1));
            }
        }

        return worst;
    }

    /// <summary>Holds each respondent's weight within the bounds (× the mean weight the fit aims at: the total over n); true when any had to move.</summary>
    private static bool Trim(double[] weights, int[] sizes, RakingOptions options, double mean)
    {
        if (options.LowerBound is null && options.UpperBound is null)
        {
            return false;
        }

        var (low, high) = ((options.LowerBound ?? 0) * mean, (options.UpperBound ?? double.PositiveInfinity) * mean);
        var moved = false;
        for (var i = 0; i < weights.Length; i++)
        {
            if (sizes[i] == 0) continue;
            var each = weights[i] / sizes[i];
            // A little slack: a weight that raking puts back exactly on a bound is not "moved" again.
            if (each < low * (1 - 1e-9)) { weights[i] = low * sizes[i]; moved = true; }
            else if (each > high * (1 + 1e-9)) { weights[i] = high * sizes[i]; moved = true; }
        }

        return moved;
    }
}

/// <summary>One margin: its name (for the diagnostics) and its categories' population totals.</summary>
public sealed record RakingMargin(string Name, IReadOnlyDictionary<string, double> Totals);

/// <param name="MaxIterations">Passes over all margins at the most.</param>
/// <param name="Tolerance">The largest relative gap between a weighted and a population count that counts as fitted.</param>
/// <param name="LowerBound">Trimming: no weight below this × the mean weight, population over respondents (none when null).</param>
/// <param name="UpperBound">Trimming: no weight above this × the mean weight (none when null).</param>
public sealed record RakingOptions(int MaxIterations = 100, double Tolerance = 1e-6, double? LowerBound = null, double? UpperBound = null);

/// <summary>
/// Each respondent's weight (per entry given: a group's respondents share it), how the fit went,
/// and Kish's effective sample size (Σw)²/Σw² over the respondents, with the design effect n/n_eff
/// that unequal weights cost.
/// </summary>
public sealed record RakingResult(double[] Weights, int Iterations, bool Converged, IReadOnlyList<string> Diagnostics, double EffectiveSize, double DesignEffect)
{
    /// <param name="totals">Each group's total weight.</param>
    /// <param name="sizes">Each group's respondents.</param>
    public static RakingResult Of(double[] totals, int[] sizes, int iterations, bool converged, IReadOnlyList<string> diagnostics)
    {
        var each = totals.Select((t, i) => sizes[i] == 0 ? 0 : t / sizes[i]).ToArray();
        var sum = totals.Sum();
        var squares = each.Select((w, i) => w * w * sizes[i]).Sum();
        var effective = squares > 0 ? sum * sum / squares : 0;
        return new RakingResult(each, iterations, converged, diagnostics, effective, effective > 0 ? sizes.Sum() / effective : double.NaN);
    }
}
