using System.Diagnostics;

namespace Masam.Web.Infrastructure;

/// <summary>
/// What the logs say of a request: its method and its route's template
/// (<c>/api/v1/feedback/{trackingCode}/reopen</c>), never its path or query, which can hold a
/// citizen's tracking code (a credential), a phone number or a gateway's key. ASP.NET Core's own
/// request lines and their scope (which carries the path into every line of the request) are off
/// for that reason (<see cref="PlatformSetup"/>); this scope takes their place.
/// </summary>
public static class RequestLogging
{
    /// <summary>
    /// ASP.NET Core starts a request's <see cref="Activity"/> (whose W3C trace id is
    /// the problem's <c>traceId</c> and the log scope's <c>TraceId</c>) only when its request logging or
    /// a listener asks; with its logging off, this listener asks, process-wide and once.
    /// </summary>
    private static readonly ActivityListener RequestActivities = Listen();

    private static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>The matched route's template, or <c>(no route)</c>.</summary>
    public static string Route(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template } ? "/" + template.TrimStart('/') : "(no route)";

    /// <summary>After routing: every line logged while the endpoint runs carries its method and route template.</summary>
    public static WebApplication UseRouteLogScope(this WebApplication app)
    {
        GC.KeepAlive(RequestActivities);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Masam.Requests");
        app.Use(async (context, next) =>
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["Method"] = context.Request.Method, ["Route"] = Route(context) }))
            {
                await next(context);
            }
        });
        return app;
    }
}
