using Microsoft.Extensions.Options;

namespace Masam.Web.Tests.Features.Figures;

public sealed class FigureOptionsTests
{
    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("-10")]
    public void AThresholdBelowFive_RefusesToStart_SayingWhy(string threshold)
    {
        using var factory = new MasamAppFactory(("Masam:Figures:SuppressionThreshold", threshold));

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => factory.Services);

        Assert.Contains("Masam:Figures:SuppressionThreshold must be between 5 and 1000", failure.Message);
    }

    [Fact]
    public void LinkedProtectionOff_RefusesToStart_InProduction()
    {
        using var factory = new MasamAppFactory(("Masam:Figures:LinkedProtection", "false"));
        factory.Environment = "Production";

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => factory.Services);

        Assert.Contains("Masam:Figures:LinkedProtection is off", failure.Message);
    }
}
