using Masam.Web.Features.Geography;

namespace Masam.Web.Tests.Features.Geography;

/// <summary>Placing a point by the NSO/OCHA aimag boundaries (seed-data/mongolia).</summary>
public sealed class AimagBoundariesTests
{
    private static readonly AimagBoundaries Boundaries = new();

    [Theory]
    [InlineData(47.7417, 96.8444, "181")] // Uliastai, Zavkhan
    [InlineData(47.9189, 106.9176, "511")] // Sükhbaatar square, Ulaanbaatar
    [InlineData(49.4862, 105.9228, "345")] // Darkhan, Darkhan-Uul
    [InlineData(43.5708, 104.4181, "346")] // Dalanzadgad, Ömnögovi
    public void APoint_IsPlacedInItsAimag(double lat, double lon, string code) =>
        Assert.Equal(code, Boundaries.Locate(lat, lon));

    [Theory]
    [InlineData(39.9042, 116.4074)] // Beijing
    [InlineData(55.7558, 37.6173)] // Moscow
    [InlineData(0, 0)]
    public void APointOutsideMongolia_IsInNoAimag(double lat, double lon) =>
        Assert.Null(Boundaries.Locate(lat, lon));

    [Fact]
    public void EachAimag_HasAPointInsideIt()
    {
        foreach (var code in new[] { "181", "511", "345", "346" })
        {
            var (lat, lon) = Boundaries.PointIn(code)!.Value;
            Assert.Equal(code, Boundaries.Locate(lat, lon));
            Assert.True(Boundaries.IsIn(code, lat, lon));
        }

        Assert.Null(Boundaries.PointIn("999"));
    }
}
