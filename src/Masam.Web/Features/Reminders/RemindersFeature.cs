using Masam.Web.Infrastructure.Jobs;

namespace Masam.Web.Features.Reminders;

/// <summary>The daily overdue check, and the outbox of reminders it queues (sent by e-mail when SMTP is configured).</summary>
public static class RemindersFeature
{
    public const string OverdueCheckJobId = "overdue-check";

    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<OverdueCheck>();
        services.AddHostedService<OutboxSender>();
        services.AddRecurringJob<OverdueCheck, ReminderOptions>(OverdueCheckJobId, check => check.ExecuteAsync(CancellationToken.None), o => o.OverdueCheckCron);
        return services;
    }

    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app)
    {
        app.MapRemindersApi();
        return app;
    }
}
