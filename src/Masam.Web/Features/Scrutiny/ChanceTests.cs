namespace Masam.Web.Features.Scrutiny;

/// <summary>
/// The tests the stuffing signals state: how likely a provider's count is by chance, given what its
/// peers and its own history make expected, and how many of the providers tested at once may be
/// flagged while keeping the share of false alarms to a stated rate (Benjamini-Hochberg).
/// </summary>
public static class ChanceTests
{
    /// <summary>
    /// P(X ≥ <paramref name="k"/>) for X ~ BetaBinomial(<paramref name="n"/>, <paramref name="a"/>, <paramref name="b"/>):
    /// a share that varies between providers and periods as a Beta(a, b), and n answers drawn from it.
    /// </summary>
    public static double BetaBinomialUpperTail(int k, int n, double a, double b)
    {
        if (k <= 0) return 1;
        if (k > n) return 0;
        var logBeta = LogBeta(a, b);
        var sum = 0.0;
        for (var j = k; j <= n; j++)
        {
            sum += Math.Exp(LogChoose(n, j) + LogBeta(j + a, n - j + b) - logBeta);
        }

        return Math.Min(1, sum);
    }

    /// <summary>P(X ≤ <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static double BinomialLowerTail(int k, int n, double p)
    {
        if (k >= n || p <= 0) return 1;
        if (p >= 1) return 0;
        var sum = 0.0;
        for (var j = 0; j <= k; j++)
        {
            sum += Math.Exp(LogChoose(n, j) + j * Math.Log(p) + (n - j) * Math.Log(1 - p));
        }

        return Math.Min(1, sum);
    }

    /// <summary>P(X ≥ <paramref name="k"/>) for X ~ Poisson(<paramref name="lambda"/>), summed upwards from k (no cancellation in the far tail).</summary>
    public static double PoissonUpperTail(int k, double lambda)
    {
        if (k <= 0) return 1;
        if (lambda <= 0) return 0;
        var term = Math.Exp(k * Math.Log(lambda) - lambda - LogGamma(k + 1));
        var sum = 0.0;
        for (var j = k; term > sum * 1e-17 && j < k + 10_000; j++)
        {
            sum += term;
            term *= lambda / (j + 1);
        }

        return Math.Min(1, sum);
    }

    /// <summary>
    /// Which of <paramref name="p"/> are discoveries at false-discovery rate <paramref name="q"/>
    /// (Benjamini and Hochberg, 1995): the largest i with p(i) ≤ i q / m, and every p-value up to it.
    /// </summary>
    public static bool[] BenjaminiHochberg(IReadOnlyList<double> p, double q)
    {
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        var cut = -1;
        for (var rank = 0; rank < order.Length; rank++)
        {
            if (p[order[rank]] <= (rank + 1) * q / p.Count) cut = rank;
        }

        var discovered = new bool[p.Count];
        for (var rank = 0; rank <= cut; rank++) discovered[order[rank]] = true;
        return discovered;
    }

    /// <summary>
    /// A Beta(a, b) for a share, fitted by moments to reference counts (k of n each): the pooled share,
    /// and an overdispersion between the references (Kleinman's estimator) kept within
    /// [<paramref name="minSpread"/>, 0.5], so that a few alike references do not make every
    /// difference look impossible.
    /// </summary>
    public static (double A, double B) FitBeta(IReadOnlyList<(int K, int N)> reference, double minSpread)
    {
        var total = reference.Sum(r => (double)r.N);
        var mean = Math.Clamp(reference.Sum(r => (double)r.K) / total, 0.01, 0.99);
        var spread = minSpread;
        if (reference.Count > 1)
        {
            var scatter = reference.Sum(r => r.N * Math.Pow((double)r.K / r.N - mean, 2));
            var squares = reference.Sum(r => (double)r.N * r.N);
            var excess = (scatter / (mean * (1 - mean)) - (reference.Count - 1)) / (total - squares / total);
            if (double.IsFinite(excess)) spread = Math.Clamp(excess, minSpread, 0.5);
        }

        var size = 1 / spread - 1;
        return (mean * size, (1 - mean) * size);
    }

    private static double LogChoose(int n, int k) => LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1);

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7: about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
