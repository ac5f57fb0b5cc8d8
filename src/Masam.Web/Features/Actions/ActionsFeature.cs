namespace Masam.Web.Features.Actions;

/// <summary>Response actions: what a provider or local government commits to, tracked to the end in public.</summary>
public static class ActionsFeature
{
    public static IServiceCollection AddActions(this IServiceCollection services) =>
        services.AddScoped<ResponseActions>();

    public static IEndpointRouteBuilder MapActions(this IEndpointRouteBuilder app)
    {
        app.MapActionsApi();
        return app;
    }
}
