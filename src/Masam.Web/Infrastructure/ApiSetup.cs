using System.Text.Json;
using System.Text.Json.Serialization;
using Masam.Web.Features.Accounts;
using Scalar.AspNetCore;

namespace Masam.Web.Infrastructure;

public static class ApiSetup
{
    public static IServiceCollection AddMasamApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ConcurrentWriteHandler>();
        services.AddSingleton<JsonRequestBody>();
        services.AddScoped<VersionedChange>();
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Masam API";
            document.Info.Description = "Citizen feedback on public service providers in Mongolia: geography, providers, feedback intake and tracking.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("Masam API")).RequireAuthorization(AccountsFeature.AdminPolicy);
        return app;
    }
}
