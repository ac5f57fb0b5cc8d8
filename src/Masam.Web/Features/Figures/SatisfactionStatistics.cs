namespace Masam.Web.Features.Figures;

/// <summary>
/// The satisfaction figures of one cell, from the count of each score: n, the mean score, the
/// satisfaction rate (the share of 4 and 5, "top-2-box") and its Wilson 95 % score interval.
/// </summary>
public sealed record SatisfactionStatistics(int N, double? Mean, double? Rate, double? RateLower, double? RateUpper)
{
    /// <summary>The 0.975 quantile of the standard normal distribution.</summary>
    public const double Z95 = 1.959963984540054;

    /// <param name="counts">How many responses gave 1, 2, 3, 4 and 5.</param>
    public static SatisfactionStatistics FromCounts(IReadOnlyList<int> counts)
    {
        if (counts.Count != 5)
        {
            throw new ArgumentException("Five counts, for scores 1 to 5.", nameof(counts));
        }

        var n = counts.Sum();
        if (n == 0)
        {
            return new SatisfactionStatistics(0, null, null, null, null);
        }

        var mean = counts.Select((c, i) => (double)c * (i + 1)).Sum() / n;
        var satisfied = counts[3] + counts[4];
        var (lower, upper) = WilsonInterval(satisfied, n);
        return new SatisfactionStatistics(n, mean, (double)satisfied / n, lower, upper);
    }

    /// <summary>
    /// The Wilson score interval for a proportion: unlike the normal approximation it stays
    /// within 0 and 1 and behaves at the small n a soum produces.
    /// </summary>
    public static (double Lower, double Upper) WilsonInterval(int successes, int n, double z = Z95)
    {
        if (n <= 0 || successes < 0 || successes > n)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), "Need 0 <= successes <= n and n > 0.");
        }

        return WilsonInterval((double)successes / n, (double)n, z);
    }

    /// <summary>The same for a proportion <paramref name="p"/> of <paramref name="n"/>, which may be an effective sample size (a weighted figure's).</summary>
    public static (double Lower, double Upper) WilsonInterval(double p, double n, double z = Z95)
    {
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = p + z2 / (2 * n);
        var margin = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, (centre - margin) / denominator), Math.Min(1, (centre + margin) / denominator));
    }

    /// <summary>Two-proportion z-test at the 5 % level.</summary>
    public static bool TwoProportionSignificant(double p1, int n1, double p2, int n2)
    {
        var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return se > 0 && Math.Abs(p1 - p2) / se > Z95;
    }
}
