namespace Masam.Tests.Shared;

/// <summary>A test of SQLite itself (its journal mode, its file): skipped, saying so, when the suite runs on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestPostgres.SuiteOnPostgres)
        {
            Skip = "SQLite only: this run of the suite is on PostgreSQL (MASAM_TEST_DATABASE=Postgres); the SQLite run covers it.";
        }
    }
}

/// <summary>
/// A test that needs a PostgreSQL server: skipped with the reason when none is configured, except
/// under <c>CI=true</c>, where it must run (and fails if the server is missing).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestPostgres.IsOn && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = TestPostgres.Absent;
        }
    }
}
