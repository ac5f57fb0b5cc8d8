using System.Text.Encodings.Web;
using System.Text.Unicode;
using Masam.Web.Data;
using Masam.Web.Features.QueryFeed;
using Masam.Web.Infrastructure.Jobs;
using Masam.Web.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Masam.Web.Infrastructure;

/// <summary>
/// What every feature stands on: options, the clock, the database, languages, the API conventions,
/// rate limits, background jobs, HTTPS and proxies, pages, and health checks; the request pipeline
/// up to routing; and the endpoints that belong to no feature (health, the API reference, the jobs
/// dashboard).
/// </summary>
public static class PlatformSetup
{
    public static IServiceCollection AddMasamPlatform(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<MasamOptions>().BindConfiguration(MasamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddMasamData(configuration, environment);
        services.AddMasamLocalization();
        services.AddMasamApi();
        services.AddMasamRateLimiting();
        // ASP.NET Core's request lines carry the query string, where an SMS gateway puts the
        // citizen's number and its key, and their scope carries the path into every line of the
        // request, where a tracking code can be: both stay off whatever the configuration says.
        // Masam's own scope and problem lines name the route's template instead (RequestLogging).
        services.Configure<LoggerFilterOptions>(filters => filters.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));
        services.AddMasamMetrics(configuration);
        services.AddBackgroundJobs(configuration, environment);
        services.AddMasamHttps();
        services.AddMasamProxy();
        services.AddRazorPages();
        // Cyrillic goes out as UTF-8, not as six-byte &#x...; escapes: pages stay light on slow connections.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddMasamCompression();
        return services;
    }

    /// <summary>The pipeline up to routing; sign-in and rate limits come after it (they need the endpoint).</summary>
    public static WebApplication UseMasamPlatform(this WebApplication app)
    {
        app.UseMasamProxy();
        app.UseMetricsAllowList();
        app.UseMasamHttps();
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.UseMiddleware<FeedErrorMiddleware>();
        app.UseMasamErrors();
        app.UseMasamLocalization();
        app.UseStaticFiles(new StaticFileOptions
        {
            // A versioned asset (asp-append-version: ?v=<hash>) never changes under its address: keep it a year.
            OnPrepareResponse = file =>
            {
                if (file.Context.Request.Query.ContainsKey("v"))
                {
                    file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });
        app.UseRouting();
        app.UseRouteLogScope();
        return app;
    }

    public static WebApplication MapMasamPlatform(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapMetrics();
        app.MapApiReference();
        app.MapJobsDashboard();
        return app;
    }
}
