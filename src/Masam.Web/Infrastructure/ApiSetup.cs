using System.Text.Json;
using System.Text.Json.Serialization;
using Masam.Web.Features.Accounts;
using Scalar.AspNetCore;

namespace Masam.Web.Infrastructure;

public static class ApiSetup
{
    public static IServiceCollection AddMasamApi(this IServiceCollection services)
    {
        // Every problem answer leaves one log line in the request's scope, so the traceId a
        // person reads out from an error matches the log (method and route template only: a path
        // can carry a tracking code, a query string a phone number or a gateway's key).
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Masam.Problems")
                .LogInformation("{Method} {Route} answered {Status} {Title}", context.HttpContext.Request.Method, RequestLogging.Route(context.HttpContext),
                    context.ProblemDetails.Status, context.ProblemDetails.Title);
        });
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
