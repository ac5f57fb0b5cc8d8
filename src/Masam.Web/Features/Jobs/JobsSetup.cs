using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Jobs;

/// <summary>
/// Hangfire: the job store (its own SQLite file, or the PostgreSQL database's <c>hangfire</c>
/// schema, in memory in tests), the workers, the
/// recurring jobs with stable ids registered at start-up, and the dashboard at <c>/jobs</c> for Admin.
/// </summary>
public static class JobsSetup
{
    public const string OverdueCheckId = "overdue-check";
    public const string AggregationId = "figures-incremental";
    public const string FullAggregationId = "figures-full";
    public const string IdempotencyPurgeId = "idempotency-purge";

    public static IServiceCollection AddMasamJobs(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
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

            var path = Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(environment.ContentRootPath, options.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Drafting a report is started by a person waiting for its progress: look for new work every second, not every 15.
            return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
        });
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddHangfireServer(server => server.WorkerCount = options.Workers);
        services.AddScoped<IdempotencyPurge>();
        services.AddHostedService<RecurringJobRegistration>();
        return services;
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        // The dashboard's own filter admits local requests only; the endpoint's Admin policy decides instead.
        app.MapHangfireDashboard("/jobs", new DashboardOptions { Authorization = [], AppPath = "/staff", DashboardTitle = "Masam jobs" })
            .RequireAuthorization(AccountsSetup.AdminPolicy);
        return app;
    }

    /// <summary>
    /// Registers (or updates) every recurring job under its stable id when the app starts; on a fresh
    /// install, with no figures yet, the first aggregation is queued at once.
    /// </summary>
    private sealed class RecurringJobRegistration(
        IRecurringJobManager jobs, IBackgroundJobClient queue, IServiceScopeFactory scopes, IOptions<JobOptions> options, IOptions<Publications.PublicationOptions> publications)
        : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var mongolia = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Ulaanbaatar", out var zone) ? zone : TimeZoneInfo.Utc;
            var inMongolia = new RecurringJobOptions { TimeZone = mongolia };
            jobs.AddOrUpdate<OverdueCheck>(OverdueCheckId, check => check.ExecuteAsync(CancellationToken.None), options.Value.OverdueCheckCron, inMongolia);
            jobs.AddOrUpdate<FeedbackAggregation>(AggregationId, a => a.IncrementalAsync(CancellationToken.None), options.Value.AggregationCron, inMongolia);
            jobs.AddOrUpdate<FeedbackAggregation>(FullAggregationId, a => a.FullAsync(CancellationToken.None), options.Value.FullAggregationCron, inMongolia);
            jobs.AddOrUpdate<IdempotencyPurge>(IdempotencyPurgeId, p => p.ExecuteAsync(CancellationToken.None), options.Value.IdempotencyPurgeCron, inMongolia);
            jobs.AddOrUpdate<Publications.PeriodDrafts>(Publications.PublicationsSetup.DraftJobId, d => d.ExecuteAsync(CancellationToken.None),
                publications.Value.DraftCron, inMongolia);
            jobs.AddOrUpdate<Publications.PublicationIntegrityCheck>(Publications.PublicationsSetup.IntegrityJobId, c => c.ExecuteAsync(CancellationToken.None),
                publications.Value.IntegrityCheckCron, inMongolia);

            await using var scope = scopes.CreateAsyncScope();
            if (options.Value.AggregateOnStart && !await scope.ServiceProvider.GetRequiredService<MasamDbContext>().AggregationRuns.AnyAsync(cancellationToken))
            {
                queue.Enqueue<FeedbackAggregation>(a => a.FullAsync(CancellationToken.None));
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
