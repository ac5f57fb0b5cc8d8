namespace Masam.Web.Data;

/// <summary>Where the reference and demo data files are: <c>seed-data/</c>, copied beside the app's binaries.</summary>
public static class SeedData
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "seed-data");

    public static string File(params string[] parts) => Path.Combine([Folder, .. parts]);
}
