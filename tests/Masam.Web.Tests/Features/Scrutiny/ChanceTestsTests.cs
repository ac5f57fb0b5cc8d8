using Masam.Web.Features.Scrutiny;

namespace Masam.Web.Tests.Features.Scrutiny;

/// <summary>The stated tests against values computed by hand (and by R: pbetabinom, ppois, p.adjust).</summary>
public sealed class ChanceTestsTests
{
    [Fact]
    public void TheBetaBinomialTail_MatchesTheSumWorkedByHand_AndIsTheBinomialWhenTheSpreadVanishes()
    {
        // Beta(1, 1) makes every count of n equally likely: P(X >= k) = (n - k + 1) / (n + 1).
        Assert.Equal(3.0 / 11, ChanceTests.BetaBinomialUpperTail(8, 10, 1, 1), 12);
        // A huge a + b is the binomial: P(X >= 9 | 10, 0.5) = 11 / 1024.
        Assert.Equal(11.0 / 1024, ChanceTests.BetaBinomialUpperTail(9, 10, 5e6, 5e6), 6);
        Assert.Equal(1, ChanceTests.BetaBinomialUpperTail(0, 10, 2, 3));
        Assert.Equal(0, ChanceTests.BetaBinomialUpperTail(11, 10, 2, 3));
    }

    [Fact]
    public void ThePoissonTail_AndTheBinomialLowerTail_MatchKnownValues()
    {
        Assert.Equal(1 - Math.Exp(-2) * (1 + 2 + 2), ChanceTests.PoissonUpperTail(3, 2), 12); // P(X >= 3 | 2)
        Assert.Equal(0.01 * 0.01 * 0.01 / 6 * Math.Exp(-0.01), ChanceTests.PoissonUpperTail(3, 0.01), 9);
        Assert.Equal(1.0 / 1024 + 10.0 / 1024, ChanceTests.BinomialLowerTail(1, 10, 0.5), 12);
        Assert.Equal(Math.Log(24), ChanceTests.LogGamma(5), 12);
        Assert.Equal(0.5 * Math.Log(Math.PI), ChanceTests.LogGamma(0.5), 12);
    }

    [Fact]
    public void BenjaminiHochberg_FindsTheDiscoveriesThatKeepTheFalseDiscoveryRate()
    {
        // m = 5, q = 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05; the largest rank under its threshold is 3 (0.025 <= 0.03).
        Assert.Equal([true, true, true, false, false], ChanceTests.BenjaminiHochberg([0.001, 0.015, 0.025, 0.045, 0.6], 0.05));
        Assert.Equal([false, false], ChanceTests.BenjaminiHochberg([0.2, 0.8], 0.05));
    }

    [Fact]
    public void TheFittedBeta_HasThePooledMean_AndAtLeastTheStatedSpread()
    {
        var (a, b) = ChanceTests.FitBeta([(20, 100), (20, 100), (20, 100)], minSpread: 0.02);
        Assert.Equal(0.2, a / (a + b), 12);
        Assert.Equal(1 / 0.02 - 1, a + b, 9); // alike references: the least spread
        var (wa, wb) = ChanceTests.FitBeta([(5, 100), (50, 100), (20, 100)], minSpread: 0.02);
        Assert.True(wa + wb < a + b); // references far apart: a wider Beta
    }
}
