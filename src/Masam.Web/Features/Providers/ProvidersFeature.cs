using Masam.Web.Data;

namespace Masam.Web.Features.Providers;

/// <summary>
/// Public service providers: the catalogue of types, sectors and service lines (seeded), the public
/// directory and search, and their administration (Admin only; never deleted, only taken out of service).
/// </summary>
public static class ProvidersFeature
{
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddSingleton<ProviderDirectory>();
        services.AddScoped<ProviderAdministration>();
        services.AddScoped<FeedbackAimags>();
        services.AddScoped<ProviderFollowing>();
        services.AddDataSeeder<CatalogueSeeder>(SeedStage.Reference);
        services.AddDataSeeder<ProviderSmsCodes>(SeedStage.Derived);
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(pages => pages.Conventions.AddPageRoute("/Admin/Provider", "/admin/providers/new"));
        return services;
    }

    public static IEndpointRouteBuilder MapProviders(this IEndpointRouteBuilder app)
    {
        app.MapProvidersApi();
        app.MapProviderAdminApi();
        return app;
    }
}
