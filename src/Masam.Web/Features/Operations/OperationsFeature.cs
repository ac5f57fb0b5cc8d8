using Masam.Web.Infrastructure.Jobs;

namespace Masam.Web.Features.Operations;

/// <summary>
/// Running an installation: backups (the <c>backup</c> and <c>restore</c> commands, and a schedule
/// that is off until a folder is set) and Admin's view of its health (<c>/admin/operations</c>).
/// The metrics are the platform's (<see cref="Infrastructure.MetricsSetup"/>).
/// </summary>
public static class OperationsFeature
{
    public const string BackupJobId = "operations-backup";

    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthThresholds>().BindConfiguration(HealthThresholds.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => DataLocations.From(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddScoped<BackupWriter>();
        services.AddScoped<BackupRestore>();
        services.AddScoped<BackupHistory>();
        services.AddScoped<ScheduledBackup>();
        services.AddScoped<OperationsStatus>();
        services.AddHostedService<BackupMetrics>();
        services.AddRecurringJob<ScheduledBackup, BackupOptions>(BackupJobId, b => b.ExecuteAsync(CancellationToken.None),
            o => string.IsNullOrWhiteSpace(o.Folder) ? "" : o.Cron);
        return services;
    }
}
