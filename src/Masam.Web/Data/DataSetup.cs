using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Masam.Web.Data;

public static class DataSetup
{
    public const string ConnectionStringName = "Masam";

    /// <summary>
    /// The database, on SQLite or PostgreSQL. Each feature gives the DbContext its interceptors as
    /// <see cref="IInterceptor"/> services (the audit chain, the feed's filter pushdown).
    /// </summary>
    public static IServiceCollection AddMasamData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var database = DatabaseOptions.From(configuration);
        if (database.IsPostgres)
        {
            var connectionString = configuration.GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Masam (Host=...;Database=...;Username=...;Password=...).");
            }

            services.AddDbContextPool<MasamDbContext, PostgresMasamDbContext>((sp, options) => options
                .UseNpgsql(connectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton<DatabaseLock>(new PostgresDatabaseLock(connectionString));
        }
        else
        {
            var connectionString = SqliteConnectionString(configuration.GetConnectionString(ConnectionStringName), environment.ContentRootPath);
            services.AddDbContextPool<MasamDbContext, SqliteMasamDbContext>((sp, options) => options
                .UseSqlite(connectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton<DatabaseLock, ProcessLock>();
        }

        // Cookies and antiforgery tokens are protected with keys kept in the database, so that any
        // node accepts what another issued, and a restart signs no one out; with a certificate the
        // keys themselves are encrypted there.
        var keys = services.AddDataProtection().SetApplicationName("Masam").PersistKeysToDbContext<MasamDbContext>();
        var protection = configuration.GetSection($"{MasamOptions.Section}:DataProtection").Get<KeyProtectionOptions>();
        if (!string.IsNullOrWhiteSpace(protection?.CertificatePath))
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                Path.IsPathRooted(protection.CertificatePath) ? protection.CertificatePath : Path.Combine(environment.ContentRootPath, protection.CertificatePath),
                protection.CertificatePassword);
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }

    /// <summary>The app's SQLite file in full (<c>:memory:</c> for an in-memory database).</summary>
    public static string SqliteFile(IConfiguration configuration, string contentRoot) =>
        new SqliteConnectionStringBuilder(SqliteConnectionString(configuration.GetConnectionString(ConnectionStringName), contentRoot)).DataSource;

    /// <summary>
    /// A relative <c>Data Source</c> is taken from the content root, and its folder is created,
    /// so that <c>dotnet run</c> works from any directory on a fresh clone.
    /// </summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/masam.db");
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        if (builder.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        // Writers wait for the lock instead of failing at once (Microsoft.Data.Sqlite retries
        // SQLITE_BUSY until the command timeout).
        if (!configured?.Contains("Timeout", StringComparison.OrdinalIgnoreCase) ?? true)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }

    /// <summary>Applies migrations, switches SQLite to WAL, and runs every feature's seeders (<see cref="DataSeeding"/>).</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<MasamDbContext>();

        // Nodes starting together take turns: one migrates and seeds, the others then find it done.
        await using var turn = await provider.GetRequiredService<DatabaseLock>().AcquireAsync("initialize", ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; the setting is kept in the file.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                await RefuseUnknownHistoryAsync(db, ct);
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            await RefuseUnknownHistoryAsync(db, ct);
            await db.Database.MigrateAsync(ct);
        }

        var settings = provider.GetRequiredService<IOptions<MasamOptions>>().Value;
        if (provider.GetRequiredService<IHostEnvironment>().IsProduction() && string.IsNullOrWhiteSpace(settings.DataProtection.CertificatePath))
        {
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Masam.Web.Data").LogWarning(
                "The keys that protect staff cookies and tokens are stored unencrypted in the database: anyone with a backup could forge them. " +
                "Set Masam:DataProtection:CertificatePath and CertificatePassword (see the README).");
        }

        await provider.RunSeedersAsync(ct);
    }

    /// <summary>
    /// Before the first release the migrations were folded into one <c>Initial</c> per provider: a
    /// database made earlier names migrations this version does not have, and would fail half-way.
    /// </summary>
    private static async Task RefuseUnknownHistoryAsync(MasamDbContext db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database was made by a pre-release version of Masam (migrations {string.Join(", ", unknown)}). Its migrations were folded into one " +
                "before the first release: delete the database (on SQLite, the data/ folder) and start again; geography and demo data are loaded anew.");
        }
    }
}
