namespace Masam.Web.Features.Scorecards;

public static class ScorecardsSetup
{
    /// <summary>Community Score Cards: running cycles, importing tablet exports (with their limits, checked at start), the indicator library.</summary>
    public static IServiceCollection AddScorecards(this IServiceCollection services)
    {
        services.AddOptions<Import.ImportOptions>().BindConfiguration(Import.ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ScorecardCycles>();
        services.AddScoped<Import.ScorecardImporter>();
        services.AddScoped<ScorecardIndicatorSeeder>();
        return services;
    }
}
