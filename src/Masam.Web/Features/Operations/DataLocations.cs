using Masam.Web.Data;
using Masam.Web.Features.Publications;
using Masam.Web.Infrastructure.Jobs;

namespace Masam.Web.Features.Operations;

/// <summary>
/// Where this installation keeps what a backup must hold, read from its configuration: the
/// database (a SQLite file, or a PostgreSQL database whose <c>hangfire</c> schema is the job
/// store), the job store's own SQLite file when it has one, and the report folders. The
/// data-protection keys live in the database (table <c>DataProtectionKeys</c>) and go with it.
/// </summary>
public sealed record DataLocations(
    bool IsPostgres, string? PostgresConnection, string? SqliteDatabase, string? HangfireDatabase, string PublishedReports, string DraftReports)
{
    public static DataLocations From(IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseOptions.From(configuration);
        var jobs = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        var publications = configuration.GetSection(PublicationOptions.Section).Get<PublicationOptions>() ?? new PublicationOptions();
        string Rooted(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
        var hangfireOnSqlite = jobs.Storage == "Sqlite" || (jobs.Storage == "Auto" && !database.IsPostgres);
        var connection = configuration.GetConnectionString(DataSetup.ConnectionStringName);
        var sqlite = database.IsPostgres ? null : DataSetup.SqliteFile(configuration, contentRoot);
        return new DataLocations(
            database.IsPostgres,
            database.IsPostgres ? connection : null,
            sqlite,
            hangfireOnSqlite ? jobs.SqliteFile(sqlite, contentRoot) : null,
            Rooted(publications.PublishedPath),
            Rooted(publications.DraftPath));
    }

    /// <summary>The report folders and their place inside a backup folder.</summary>
    public IEnumerable<(string Source, string InBackup)> ReportFolders =>
        [(PublishedReports, "reports/published"), (DraftReports, "reports/drafts")];

    public const string SqliteInBackup = "database/masam.db";
    public const string HangfireInBackup = "database/hangfire.db";
    public const string PostgresInBackup = "database/masam.dump";
}
