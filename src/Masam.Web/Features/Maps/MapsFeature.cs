namespace Masam.Web.Features.Maps;

/// <summary>The aimag map and the charts the pages draw (SVG, server-side).</summary>
public static class MapsFeature
{
    public static IServiceCollection AddMaps(this IServiceCollection services) =>
        services.AddSingleton<AimagMap>();
}
