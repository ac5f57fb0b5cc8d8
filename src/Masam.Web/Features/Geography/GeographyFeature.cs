using Masam.Web.Data;

namespace Masam.Web.Features.Geography;

/// <summary>
/// Mongolia's aimags, the capital, soums and districts (NSO codes), seeded from the reference
/// data, their API, and the aimags' boundaries for placing a point.
/// </summary>
public static class GeographyFeature
{
    public static IServiceCollection AddGeography(this IServiceCollection services) => services
        .AddSingleton<AimagBoundaries>()
        .AddDataSeeder<GeographySeeder>(SeedStage.Reference);

    public static IEndpointRouteBuilder MapGeography(this IEndpointRouteBuilder app)
    {
        app.MapGeographyApi();
        return app;
    }
}
