using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Masam.Web.Tests.Features.Accounts;

/// <summary>The commands run as an operator would run them: the app's own binary, a database file.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "masam-tests", Guid.NewGuid().ToString("N"));

    public AdminCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task CreateAdmin_ThenVerifyAudit_Succeed_AndVerifyFailsOnceAnEntryIsChanged()
    {
        var created = await RunAsync("create-admin", "--email", "ops@test.mn", "--password", "operator password 1");
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains("ops@test.mn", created.Output);

        var again = await RunAsync("create-admin", "--email", "ops@test.mn", "--password", "operator password 1");
        Assert.Equal(1, again.ExitCode);

        var verified = await RunAsync("verify-audit");
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("1 entries", verified.Output);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "masam.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "AuditEntries" SET "ActorName" = 'nobody'""";
            await command.ExecuteNonQueryAsync();
        }

        var broken = await RunAsync("verify-audit");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("entry 1", broken.Output);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Masam.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Masam"] = $"Data Source={Path.Combine(_folder, "masam.db")}";
        start.Environment["Masam__SeedDemoData"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
