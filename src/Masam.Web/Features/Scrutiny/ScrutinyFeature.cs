using Masam.Web.Infrastructure.Jobs;

namespace Masam.Web.Features.Scrutiny;

/// <summary>
/// Whether the figures can be trusted: signals of stuffing and checks on the visit data, kept as
/// flags with their evidence for analysts (job <c>scrutiny-scan</c>), and analysts' holds on
/// providers' figures, which the publication says.
/// </summary>
public static class ScrutinyFeature
{
    public const string ScanJobId = "scrutiny-scan";

    public static IServiceCollection AddScrutiny(this IServiceCollection services)
    {
        services.AddOptions<ScrutinyOptions>().BindConfiguration(ScrutinyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IScrutinySource, FigureSignals>();
        services.AddScoped<ScrutinyScan>();
        services.AddScoped<ScrutinyFlags>();
        services.AddScoped<FigureHolds>();
        services.AddScoped<Figures.Protection.IHeldFigures, HeldFigures>();
        services.AddRecurringJob<ScrutinyScan, ScrutinyOptions>(ScanJobId, s => s.ExecuteAsync(CancellationToken.None), o => o.ScanCron);
        return services;
    }

    public static IEndpointRouteBuilder MapScrutiny(this IEndpointRouteBuilder app) => app.MapScrutinyApi();
}
