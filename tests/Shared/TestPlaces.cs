using Microsoft.Data.Sqlite;

namespace Masam.Tests.Shared;

/// <summary>Where a test app keeps its data: a folder of its own, and a PostgreSQL database of its own when the suite runs on PostgreSQL.</summary>
public static class TestPlaces
{
    /// <summary>A file of the repository (<c>README.md</c>, <c>src/Masam.Web/appsettings.json</c>), found from the tests' folder up.</summary>
    public static string InRepository(params string[] path)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Masam.sln"))) folder = folder.Parent;
        return Path.Combine([folder!.FullName, .. path]);
    }

    /// <summary>Removes both once the app has stopped: SQLite's pooled connections first, so that the file can go.</summary>
    public static void Remove(string folder, string? postgresDatabase)
    {
        SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            TestPostgres.DropDatabase(postgresDatabase);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; it does not affect other tests.
        }
    }
}
