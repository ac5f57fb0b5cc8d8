using Masam.Tests.Shared;
using Masam.Web.Data;
using Masam.Web.Features.Providers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests;

/// <summary>
/// The whole app on a database of its own, with real geography loaded and no demo data unless
/// asked: a SQLite file in a temporary folder, or, when <c>MASAM_TEST_DATABASE=Postgres</c>, a
/// PostgreSQL database copied from a template migrated once per test run. Each test class (or
/// test) makes its own, so no test sees another's rows.
/// </summary>
public sealed class MasamAppFactory : WebApplicationFactory<Program>
{
    private static readonly Lazy<string> PostgresTemplate = new(CreatePostgresTemplate);
    private static readonly Lazy<string> SqliteTemplate = new(CreateSqliteTemplate);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "masam-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;
    private string? _postgres;

    public MasamAppFactory(params (string Key, string? Value)[] settings) : this(TestPostgres.SuiteOnPostgres, settings)
    {
    }

    /// <summary>An app on a SQLite file whatever the suite runs on, for tests of SQLite itself.</summary>
    public static MasamAppFactory OnSqlite(params (string Key, string? Value)[] settings) => new(false, settings);

    /// <summary>An app on PostgreSQL whatever the suite runs on, for tests of PostgreSQL itself (with <c>[PostgresFact]</c>).</summary>
    public static MasamAppFactory OnPostgres(params (string Key, string? Value)[] settings) => new(true, settings);

    /// <summary>
    /// An app whose database is empty (not migrated, no reference data) until it starts: where a
    /// backup is restored. <see cref="Configuration"/> gives its settings before it starts.
    /// </summary>
    public static MasamAppFactory Empty(params (string Key, string? Value)[] settings) =>
        new(TestPostgres.SuiteOnPostgres, settings, TestPostgres.SuiteOnPostgres ? TestPostgres.CreateDatabase("masam_e") : null, fromTemplate: false);

    /// <summary>The app's settings, as its configuration will have them (for code that runs before the app starts).</summary>
    public IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();

    /// <summary>The app's own folder (its SQLite file and report folders are in it).</summary>
    public string Folder => _folder;

    private MasamAppFactory(bool postgres, (string Key, string? Value)[] settings, string? postgresDatabase = null, bool fromTemplate = true)
    {
        Directory.CreateDirectory(_folder);
        if (postgres)
        {
            _postgres = postgresDatabase ?? TestPostgres.CreateDatabase("masam_t", PostgresTemplate.Value);
        }
        else if (fromTemplate)
        {
            // A copy of a file migrated and seeded once, as on PostgreSQL: the app's start then finds
            // the reference data there (about 0.4 s less a start, and most tests start an app).
            File.Copy(SqliteTemplate.Value, DatabasePath);
        }

        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite,
            ["ConnectionStrings:Masam"] = _postgres ?? $"Data Source={DatabasePath}",
            ["Masam:SeedDemoData"] = "false",
            ["Masam:RateLimit:FeedbackPerMinute"] = "0",
            ["Masam:RateLimit:SignInPerMinute"] = "0",
            ["Masam:RateLimit:DownloadsPerMinute"] = "0",
            ["Masam:Jobs:Storage"] = "InMemory",
            // Tests sign Admins in many times a minute by password; TwoFactorTests check the requirement that ships.
            ["Masam:Accounts:RequireAdminTwoFactor"] = "false",
            // Metric listeners match meters by name in the whole process: each app of the tests has its own.
            ["Masam:Metrics:MeterName"] = $"Masam.Tests.{Guid.NewGuid():N}",
            ["Masam:Figures:AggregateOnStart"] = "false",
            ["Masam:Publications:PublishedPath"] = Path.Combine(_folder, "reports", "published"),
            ["Masam:Publications:DraftPath"] = Path.Combine(_folder, "reports", "drafts"),
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>The SQLite file (when the suite runs on SQLite).</summary>
    public string DatabasePath => Path.Combine(_folder, "masam.db");

    public bool IsPostgres => _postgres is not null;

    /// <summary>
    /// A database migrated and seeded with the reference data once, which each test's database
    /// copies (<c>CREATE DATABASE ... TEMPLATE</c> takes a fraction of a second; migrating takes seconds).
    /// </summary>
    private static string CreatePostgresTemplate()
    {
        var template = TestPostgres.CreateDatabase("masam_template");
        using (var factory = new MasamAppFactory(true, [], template))
        {
            _ = factory.Services; // starting the app migrates and seeds
            factory._postgres = null; // keep the database when this factory goes
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        var name = TestPostgres.DatabaseOf(template);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestPostgres.DropDatabase(TestPostgres.ConnectionTo(name));
        return name;
    }

    /// <summary>A SQLite file migrated and seeded with the reference data once per run, which each SQLite test's database copies.</summary>
    private static string CreateSqliteTemplate()
    {
        var path = Path.Combine(Path.GetTempPath(), "masam-tests", $"template-{Guid.NewGuid():N}.db");
        using (var factory = new MasamAppFactory(false, [], fromTemplate: false))
        {
            _ = factory.Services; // starting the app migrates and seeds
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", path);
            vacuum.ExecuteNonQuery();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    /// <summary>The host environment the app starts in: Testing unless a test needs another.</summary>
    public string Environment { get; set; } = "Testing";

    /// <summary>Replaces services before the app starts (a fake clock, say).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
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

    private bool _keepData;

    /// <summary>
    /// Stops the app as a SIGTERM or a deploy would (the host's graceful stop, which cancels running
    /// jobs), keeping its database and folders for an app started on them after it; <see cref="RemoveData"/> removes them.
    /// </summary>
    public async Task StopKeepingDataAsync()
    {
        _keepData = true;
        await DisposeAsync();
    }

    public void RemoveData() => TestPlaces.Remove(_folder, _postgres);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_keepData) RemoveData();
    }
}
