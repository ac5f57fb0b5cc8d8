using System.Linq.Expressions;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Microsoft.Extensions.Options;

namespace Masam.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire: the job store (its own SQLite file, or the PostgreSQL database's <c>hangfire</c>
/// schema, in memory in tests), the workers, and the dashboard at <c>/jobs</c> for Admin. Each
/// feature declares its own recurring jobs with <see cref="AddRecurringJob{TJob, TOptions}"/>; they
/// are registered (or updated) under their stable ids when the app starts, in Mongolian time.
/// </summary>
public static class BackgroundJobs
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        // This app's own job store and activator, given to its client, server and dashboard through DI.
        // Hangfire's global configuration is static: several apps in one process (the tests) would
        // otherwise share whichever store was configured last, and run each other's jobs.
        var database = DatabaseOptions.From(configuration);
        var storage = options.Storage == "Auto" ? (database.IsPostgres ? "Postgres" : "Sqlite") : options.Storage;
        services.AddSingleton<JobStorage>(_ =>
        {
            if (storage == "InMemory")
            {
                return new Hangfire.InMemory.InMemoryStorage();
            }

            if (storage == "Postgres")
            {
                // The app's own database, schema "hangfire": every node sees one queue, and the
                // recurring-job scheduler's lock there lets only one node start each occurrence.
                var postgres = new PostgreSqlStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    InvisibilityTimeout = options.InvisibilityTimeout,
                    UseSlidingInvisibilityTimeout = true,
                    PrepareSchemaIfNecessary = true,
                };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(configuration.GetConnectionString(DataSetup.ConnectionStringName)!, postgres), postgres);
            }

            var path = options.SqliteFile(database.IsPostgres ? null : DataSetup.SqliteFile(configuration, environment.ContentRootPath), environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Drafting a report is started by a person waiting for its progress: look for new work every second, not every 15.
            return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
        });
        // Jobs recur in Mongolian time: on a host without tz data, Hangfire's own lookup of the zone
        // would fail (or fall back to UTC, eight hours off the business calendar).
        services.AddSingleton<ITimeZoneResolver, MongolianZoneResolver>();
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddHangfireServer((provider, server) =>
        {
            server.WorkerCount = options.Workers;
            server.TimeZoneResolver = provider.GetRequiredService<ITimeZoneResolver>();
            // This server's own filters beside the global ones (which every app in a process shares).
            var own = new JobFilterCollection();
            own.Add(new JobFailureMetrics(provider.GetRequiredService<MasamMetrics>()));
            server.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, own);
        });
        services.AddHostedService<RecurringJobRegistration>();
        return services;
    }

    /// <summary>
    /// A job that recurs under a stable id, on the cron (in Mongolian time) that <paramref name="cron"/>
    /// reads from the feature's options.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob, TOptions>(
        this IServiceCollection services, string id, Expression<Func<TJob, Task>> run, Func<TOptions, string> cron) where TOptions : class =>
        services.AddSingleton(new RecurringSchedule(id,
            provider => cron(provider.GetRequiredService<IOptions<TOptions>>().Value),
            (jobs, expression, options) => jobs.AddOrUpdate(id, run, expression, options)));

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        // The dashboard's own filter admits local requests only; the endpoint's Admin policy decides instead.
        app.MapHangfireDashboard("/jobs", new DashboardOptions { Authorization = [], AppPath = "/staff", DashboardTitle = "Masam jobs" })
            .RequireAuthorization(AccountsFeature.AdminPolicy);
        return app;
    }

    private sealed class MongolianZoneResolver : ITimeZoneResolver
    {
        private readonly DefaultTimeZoneResolver _system = new();

        public TimeZoneInfo GetTimeZoneById(string tzId) => tzId == MongolianTime.Zone.Id ? MongolianTime.Zone : _system.GetTimeZoneById(tzId);
    }

    /// <summary>
    /// Hangfire keeps one log provider for the whole process. When several apps share a process
    /// (the tests), the one set last may belong to an app that has already stopped: its logger
    /// factory is disposed, and another app starting would fail asking it for a logger. Such a
    /// request gets a logger that writes nothing instead.
    /// </summary>
    private sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
    {
        private readonly Hangfire.AspNetCore.AspNetCoreLogProvider _host = new(factory);

        public Hangfire.Logging.ILog GetLogger(string name)
        {
            try
            {
                return _host.GetLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return Silent.Instance;
            }
        }

        private sealed class Silent : Hangfire.Logging.ILog
        {
            public static readonly Silent Instance = new();

            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }

    private sealed record RecurringSchedule(
        string Id, Func<IServiceProvider, string> Cron, Action<IRecurringJobManager, string, RecurringJobOptions> AddOrUpdate);

    /// <summary>Registers (or updates) every declared recurring job under its stable id when the app starts.</summary>
    private sealed class RecurringJobRegistration(IRecurringJobManager jobs, IEnumerable<RecurringSchedule> schedules, IServiceProvider provider)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var inMongolia = new RecurringJobOptions { TimeZone = MongolianTime.Zone };
            foreach (var schedule in schedules)
            {
                // An empty cron turns a job off (the scheduled backup until its folder is set).
                if (schedule.Cron(provider) is { Length: > 0 } cron)
                {
                    schedule.AddOrUpdate(jobs, cron, inMongolia);
                }
                else
                {
                    jobs.RemoveIfExists(schedule.Id);
                }
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
