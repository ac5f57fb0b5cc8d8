using Masam.Web.Data;
using Masam.Web.Features.Accounts;

namespace Masam.Web.Features.Scorecards;

/// <summary>
/// Community Score Cards: running cycles, importing tablet exports (with their limits, checked at
/// start), the indicator library (seeded), and who may edit them.
/// </summary>
public static class ScorecardsFeature
{
    /// <summary>Facilitators run cycles, officials follow and run them, provider managers self-assess.</summary>
    public const string EditorPolicy = "ScorecardEditor";

    public static IServiceCollection AddScorecards(this IServiceCollection services)
    {
        services.AddOptions<Import.ImportOptions>().BindConfiguration(Import.ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ScorecardCycles>();
        services.AddScoped<Import.ScorecardImporter>();
        services.AddDataSeeder<ScorecardIndicatorSeeder>(SeedStage.Reference);
        services.AddAuthorizationBuilder().AddPolicy(EditorPolicy,
            policy => policy.RequireRole(StaffRoles.CsoFacilitator, StaffRoles.LocalOfficial, StaffRoles.ProviderManager));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(pages =>
            pages.Conventions.AddPageRoute("/Staff/Scorecards/Sheet", "/staff/scorecards/{id:int}/self"));
        return services;
    }

    public static IEndpointRouteBuilder MapScorecards(this IEndpointRouteBuilder app)
    {
        app.MapScorecardsApi();
        return app;
    }
}
