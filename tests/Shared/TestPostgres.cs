using Npgsql;

namespace Masam.Tests.Shared;

/// <summary>
/// The PostgreSQL server for the tests: <c>MASAM_TEST_POSTGRES</c> holds a connection string to it
/// (<c>.ci/run</c> starts a throwaway one with <c>tests/postgres.sh</c>). Tests that need PostgreSQL
/// itself (several nodes on one database) run whenever it is set; the whole suite runs on it when
/// <c>MASAM_TEST_DATABASE=Postgres</c> too. Each test app gets a database of its own, dropped when
/// the app is disposed.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "MASAM_TEST_POSTGRES";
    public const string SuiteVariable = "MASAM_TEST_DATABASE";

    /// <summary>The server's connection string, or null when none is configured.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    /// <summary>A server is configured.</summary>
    public static bool IsOn => Server is not null;

    /// <summary>The whole suite runs on PostgreSQL (else on SQLite files).</summary>
    public static bool SuiteOnPostgres =>
        IsOn && string.Equals(Environment.GetEnvironmentVariable(SuiteVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a test that needs PostgreSQL did not run.</summary>
    public const string Absent =
        "PostgreSQL is not configured: set MASAM_TEST_POSTGRES (tests/postgres.sh start prints a value); .ci/run starts a server and runs these tests.";

    /// <summary>Creates an empty database, or a copy of <paramref name="template"/>; returns its connection string.</summary>
    public static string CreateDatabase(string prefix, string? template = null)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""));
        return ConnectionTo(name);
    }

    public static string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    public static string DatabaseOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    /// <summary>Drops the database, ending any session still on it.</summary>
    public static void DropDatabase(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        Execute($"DROP DATABASE IF EXISTS \"{DatabaseOf(connectionString)}\" WITH (FORCE)");
    }

    public static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
