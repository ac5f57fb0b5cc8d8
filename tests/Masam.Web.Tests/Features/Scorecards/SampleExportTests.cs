namespace Masam.Web.Tests.Features.Scorecards;

/// <summary>Writes the shipped samples when asked (see <see cref="SampleExports"/>); otherwise checks they are there.</summary>
public sealed class SampleExportTests
{
    [Fact]
    public void ShippedSamples_ExistBesideTheApp()
    {
        if (Environment.GetEnvironmentVariable("MASAM_WRITE_SAMPLES") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "kobo-csc-focus-group.xlsx"), SampleExports.Kobo(SampleExports.Standard));
            File.WriteAllBytes(Path.Combine(folder, "odk-csc-focus-group.zip"), SampleExports.Odk(SampleExports.Standard));
        }

        Assert.True(File.Exists(Masam.Web.Data.SeedData.File("samples", "kobo-csc-focus-group.xlsx")));
        Assert.True(File.Exists(Masam.Web.Data.SeedData.File("samples", "odk-csc-focus-group.zip")));
    }
}
