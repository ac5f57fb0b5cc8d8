namespace Masam.Tests.Shared;

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
