using Masam.Web.Features.Figures;

namespace Masam.Web.Tests.Features.Figures;

public sealed class SatisfactionStatisticsTests
{
    [Theory]
    [InlineData(8, 10, 0.490162, 0.943318)]
    [InlineData(0, 10, 0.000000, 0.277533)]
    [InlineData(10, 10, 0.722467, 1.000000)]
    [InlineData(50, 100, 0.403832, 0.596168)]
    [InlineData(75, 100, 0.656955, 0.824548)]
    [InlineData(1, 1, 0.206549, 1.000000)]
    public void WilsonInterval_MatchesKnownValues(int successes, int n, double lower, double upper)
    {
        var (l, u) = SatisfactionStatistics.WilsonInterval(successes, n);

        Assert.Equal(lower, l, 6);
        Assert.Equal(upper, u, 6);
    }

    [Fact]
    public void FromCounts_GivesNMeanTopTwoBoxRateAndInterval()
    {
        // 1×1, 1×2, 0×3, 5×4, 3×5: n 10, mean (1+2+20+15)/10 = 3.8, 8 of 10 satisfied.
        var figures = SatisfactionStatistics.FromCounts([1, 1, 0, 5, 3]);

        Assert.Equal(10, figures.N);
        Assert.Equal(3.8, figures.Mean!.Value, 10);
        Assert.Equal(0.8, figures.Rate!.Value, 10);
        Assert.Equal(0.490162, figures.RateLower!.Value, 6);
        Assert.Equal(0.943318, figures.RateUpper!.Value, 6);
    }

    [Fact]
    public void FromCounts_OfNothing_HasNoFigures() =>
        Assert.Equal(new SatisfactionStatistics(0, null, null, null, null), SatisfactionStatistics.FromCounts([0, 0, 0, 0, 0]));

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, 0)]
    public void WilsonInterval_RefusesImpossibleCounts(int successes, int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionStatistics.WilsonInterval(successes, n));
}
