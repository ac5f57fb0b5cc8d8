using Masam.Web.Data;
using Masam.Web.Infrastructure.Jobs;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// Citizen feedback: intake (through one batching writer), tracking and rating by the citizen, and
/// the staff inbox and review; remembered <c>Idempotency-Key</c>s are purged daily.
/// </summary>
public static class FeedbackFeature
{
    public const string IdempotencyPurgeJobId = "idempotency-purge";

    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<FeedbackIntake>();
        services.AddScoped<AnswerRating>();
        services.AddScoped<CitizenNotices>();
        services.AddSingleton<HolidayCalendar>();
        services.AddScoped<HolidayAdministration>();
        services.AddDataSeeder<HolidaySeeder>(SeedStage.Reference);
        services.AddScoped<CitizenReopening>();
        services.AddSingleton<Voices>();
        services.AddSingleton<FeedbackWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedbackWriter>());
        services.AddScoped<FeedbackReview>();
        services.AddScoped<FeedbackInbox>();
        services.AddScoped<IdempotencyPurge>();
        services.AddRecurringJob<IdempotencyPurge, FeedbackOptions>(IdempotencyPurgeJobId, p => p.ExecuteAsync(CancellationToken.None), o => o.IdempotencyPurgeCron);
        return services;
    }

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        app.MapFeedbackApi();
        app.MapStaffFeedbackApi();
        app.MapHolidaysApi();
        return app;
    }
}
