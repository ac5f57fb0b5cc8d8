using Masam.Web.Data;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Open311;

/// <summary>
/// Open311 GeoReport v2: the server under <c>/open311/v2/</c>, on the same intake and tracking as
/// the REST API; keys for the clients that post, issued and revoked by Admin.
/// </summary>
public static class Open311Feature
{
    public static IServiceCollection AddOpen311(this IServiceCollection services)
    {
        services.AddOptions<Open311Options>().BindConfiguration(Open311Options.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Open311Clients>();
        services.AddScoped<Open311Catalogue>();
        services.AddScoped<Open311Requests>();
        services.AddSingleton<Open311RateLimits>();
        services.AddDataSeeder<Open311DemoKey>(SeedStage.Accounts);
        return services;
    }

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        app.MapOpen311Api();
        app.MapOpen311ClientsApi();
        return app;
    }
}

/// <summary>
/// The demo's key (<see cref="DemoKey"/>, in the README) exists in Development with demo data only,
/// like the demo accounts; anywhere else a demo key still active is revoked at start-up.
/// </summary>
internal sealed class Open311DemoKey(Open311Clients clients, IOptions<Infrastructure.MasamOptions> options, IHostEnvironment environment) : IDataSeeder
{
    public const string DemoKey = "masam-demo-open311";

    public Task SeedAsync(CancellationToken ct) => options.Value.SeedDemoData && environment.IsDevelopment()
        ? clients.EnsureDemoAsync("Demo Open311 client (Development only)", DemoKey, ct)
        : clients.RevokeDemoKeysAsync(ct);
}
