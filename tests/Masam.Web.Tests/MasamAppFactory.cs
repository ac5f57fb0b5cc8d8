using Masam.Web.Data;
using Masam.Web.Features.Providers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests;

/// <summary>
/// The whole app on a SQLite file of its own in a temporary folder, with real geography loaded
/// and no demo data unless asked. Each test class (or test) makes its own, so no test sees
/// another's rows.
/// </summary>
public sealed class MasamAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "masam-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public MasamAppFactory(params (string Key, string? Value)[] settings)
    {
        Directory.CreateDirectory(_folder);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Masam"] = $"Data Source={DatabasePath}",
            ["Masam:SeedDemoData"] = "false",
            ["Masam:RateLimit:FeedbackPerMinute"] = "0",
            ["Masam:Jobs:Storage"] = "InMemory",
            ["Masam:Jobs:AggregateOnStart"] = "false",
            ["Masam:Publications:PublishedPath"] = Path.Combine(_folder, "reports", "published"),
            ["Masam:Publications:DraftPath"] = Path.Combine(_folder, "reports", "drafts"),
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath => Path.Combine(_folder, "masam.db");

    /// <summary>Replaces services before the app starts (a fake clock, say).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A DbContext on the app's database, for arranging data and checking what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<MasamDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MasamDbContext>());
    }

    public Task WithDbAsync(Func<MasamDbContext, Task> work) =>
        WithDbAsync(async db => { await work(db); return true; });

    /// <summary>Adds a provider in the given soum or district, offering the given service lines.</summary>
    public Task<int> AddProviderAsync(string adminUnitCode = "MN18101", string type = "oss-centre", string nameMn = "Туршилтын төв", params string[] serviceLines) =>
        WithDbAsync(async db =>
        {
            var unit = await db.AdminUnits.SingleAsync(u => u.Code == adminUnitCode);
            var lines = await db.ServiceLines.Where(l => serviceLines.Contains(l.Code)).ToListAsync();
            var provider = new Provider
            {
                Code = $"TEST-{Guid.NewGuid():N}",
                NameMn = nameMn,
                NameEn = "Test centre",
                TypeCode = type,
                AdminUnitId = unit.Id,
                ServiceLines = lines,
                SearchKey = Masam.Web.Features.Geography.NameFolding.KeyFor([nameMn, "Test centre"]),
            };
            db.Providers.Add(provider);
            await db.SaveChangesAsync();
            return provider.Id;
        });

    public Task<int> CountFeedbackAsync() => WithDbAsync(db => db.Feedback.CountAsync());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; it does not affect other tests.
        }
    }
}
