using System.Diagnostics;
using Npgsql;

namespace Masam.Web.Features.Operations;

/// <summary>
/// Runs PostgreSQL's own <c>pg_dump</c> and <c>pg_restore</c> against the app's database: the
/// connection goes to them in the standard <c>PG*</c> environment variables, so the password is
/// never on a command line.
/// </summary>
internal static class PostgresTools
{
    public static async Task RunAsync(string tool, IEnumerable<string> arguments, string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        start.Environment["PGUSER"] = connection.Username;
        if (connection.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        if (connection.SslMode != SslMode.Disable)
        {
            start.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{tool} could not be started ({e.Message}): install PostgreSQL's client tools or set Masam:Backup:{(tool.Contains("restore", StringComparison.Ordinal) ? "PgRestore" : "PgDump")}.");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{Path.GetFileName(tool)} failed (exit code {process.ExitCode}): {(await errors).Trim()}");
            }
        }
    }

    /// <summary>The database holds tables of its own (the public schema is not empty).</summary>
    public static async Task<bool> HoldsDataAsync(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
        return (long)(await command.ExecuteScalarAsync(ct))! > 0;
    }
}

/// <summary>A backup or restore that cannot go on, with the message for the person running it.</summary>
public sealed class BackupException(string message) : Exception(message);
