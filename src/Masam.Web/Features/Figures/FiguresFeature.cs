using Hangfire;
using Masam.Web.Data;
using Masam.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Figures;

/// <summary>
/// The figures: their options (checked at start), the aggregation (incremental on a schedule, full
/// nightly, and once at the start of a fresh install), the publishing step, and the one service
/// every outlet asks (<see cref="PublishedFigures"/>).
/// </summary>
public static class FiguresFeature
{
    public const string AggregationJobId = "figures-incremental";
    public const string FullAggregationJobId = "figures-full";

    public static IServiceCollection AddFigures(this IServiceCollection services)
    {
        services.AddOptions<FigureOptions>().BindConfiguration(FigureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FigureOptions>, FigureOptionsValidation>();
        services.AddScoped<FeedbackAggregation>();
        services.AddScoped<Protection.FigurePublisher>();
        services.AddScoped<PublishedFigures>();
        services.AddSingleton(_ => new Weighting.PopulationMargins());
        services.AddScoped<Weighting.WeightedSatisfaction>();
        services.AddScoped<Weighting.Targeting>();
        services.AddRecurringJob<FeedbackAggregation, FigureOptions>(AggregationJobId, a => a.IncrementalAsync(CancellationToken.None), o => o.AggregationCron);
        services.AddRecurringJob<FeedbackAggregation, FigureOptions>(FullAggregationJobId, a => a.FullAsync(CancellationToken.None), o => o.FullAggregationCron);
        services.AddHostedService<FirstAggregation>();
        return services;
    }

    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder app)
    {
        app.MapSatisfactionApi();
        Weighting.WeightedSatisfactionEndpoints.MapWeightedSatisfactionApi(app);
        Weighting.TargetingEndpoints.MapTargetingApi(app);
        app.MapResponsivenessApi();
        app.MapScorecardFiguresApi();
        return app;
    }

    /// <summary>On a fresh install, with no figures yet, the first full aggregation is queued at start-up.</summary>
    private sealed class FirstAggregation(IBackgroundJobClient queue, IServiceScopeFactory scopes, IOptions<FigureOptions> options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (options.Value.AggregateOnStart && !await scope.ServiceProvider.GetRequiredService<MasamDbContext>().AggregationRuns.AnyAsync(cancellationToken))
            {
                queue.Enqueue<FeedbackAggregation>(a => a.FullAsync(CancellationToken.None));
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
