using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Figures;

public static class FiguresSetup
{
    /// <summary>The figures: their options (checked at start), the aggregation, the publishing step and the one service every outlet asks.</summary>
    public static IServiceCollection AddFigures(this IServiceCollection services)
    {
        services.AddOptions<FigureOptions>().BindConfiguration(FigureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FigureOptions>, FigureOptionsValidation>();
        services.AddScoped<FeedbackAggregation>();
        services.AddScoped<Protection.FigurePublisher>();
        services.AddScoped<PublishedFigures>();
        return services;
    }

    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder app)
    {
        app.MapSatisfactionApi();
        app.MapResponsivenessApi();
        app.MapScorecardFiguresApi();
        return app;
    }
}
