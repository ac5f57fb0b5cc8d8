using Masam.Web.Data;

namespace Masam.Web.Features.Demo;

/// <summary>
/// Demo providers, feedback, actions and scorecard cycles, and (after the accounts, in Development)
/// published reports: loaded only with <c>Masam:SeedDemoData</c> (on in Development).
/// </summary>
public static class DemoFeature
{
    public static IServiceCollection AddDemo(this IServiceCollection services) => services
        .AddDataSeeder<DemoDataSeeder>(SeedStage.Demo)
        .AddDataSeeder<DemoReports>(SeedStage.Accounts);
}
