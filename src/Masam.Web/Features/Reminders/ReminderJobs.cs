using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Reminders;

/// <summary>Runs the overdue check a minute after start-up and then at the configured interval.</summary>
public sealed class ReminderJobs(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider clock, ILogger<ReminderJobs> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.OverdueCheckEnabled)
        {
            return;
        }

        await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.OverdueCheckInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OverdueCheck>().ExecuteAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next run tries again; the check is idempotent.
                logger.LogError(ex, "The overdue check failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
