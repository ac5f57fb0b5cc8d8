using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Infrastructure.Jobs;

/// <summary>
/// The <c>Masam:Jobs</c> section: where background jobs are kept and how many run at once. When a
/// job recurs is its feature's own setting (<c>Masam:Figures:AggregationCron</c>, say).
/// </summary>
public sealed class JobOptions
{
    public const string Section = "Masam:Jobs";

    /// <summary>
    /// <c>Auto</c>: beside the app's database (a SQLite file of its own, or the <c>hangfire</c>
    /// schema of the PostgreSQL database, shared by every node); or <c>Sqlite</c>, <c>Postgres</c>,
    /// <c>InMemory</c> (tests).
    /// </summary>
    [AllowedValues("Auto", "Sqlite", "Postgres", "InMemory")]
    public string Storage { get; set; } = "Auto";

    /// <summary>
    /// On PostgreSQL: how long a job a node took stays invisible to the others. A live node keeps
    /// extending it; when a node dies mid-job, another takes the job up after this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The job store's file; a relative path is taken from the content root. Unset: <c>hangfire.db</c>
    /// beside the app's SQLite database, so that an installation whose database is elsewhere (a
    /// restored copy, a second instance) never shares another's job store.
    /// </summary>
    public string? SqlitePath { get; set; }

    /// <summary>The job store's file in full, for an app whose SQLite database is <paramref name="appDatabase"/> (null on PostgreSQL).</summary>
    public string SqliteFile(string? appDatabase, string contentRoot) =>
        SqlitePath is { Length: > 0 } path
            ? Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path))
            : Path.Combine(Path.GetDirectoryName(appDatabase) is { Length: > 0 } folder ? folder : Path.Combine(contentRoot, "data"), "hangfire.db");

    /// <summary>Background job workers in this process.</summary>
    [Range(1, 32)]
    public int Workers { get; set; } = 2;
}
