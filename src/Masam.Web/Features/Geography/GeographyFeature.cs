using Masam.Web.Data;

namespace Masam.Web.Features.Geography;

/// <summary>Mongolia's aimags, the capital, soums and districts (NSO codes), seeded from the reference data, and their API.</summary>
public static class GeographyFeature
{
    public static IServiceCollection AddGeography(this IServiceCollection services) =>
        services.AddDataSeeder<GeographySeeder>(SeedStage.Reference);

    public static IEndpointRouteBuilder MapGeography(this IEndpointRouteBuilder app)
    {
        app.MapGeographyApi();
        return app;
    }
}
