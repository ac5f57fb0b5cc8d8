namespace Masam.Web.Infrastructure;

/// <summary>
/// Errors as each reader expects them: a browser asking for a page gets an HTML page in its language
/// (<c>/error/{code}</c>, re-executed in place of an empty 404 or 403, or of an exception); the API,
/// the feed and every other client get RFC 9457 problem responses as before.
/// </summary>
public static class ErrorPages
{
    public static WebApplication UseMasamErrors(this WebApplication app)
    {
        app.UseWhen(WantsPage, page => page.UseExceptionHandler("/error/500").UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(context => !WantsPage(context), api => api.UseExceptionHandler().UseStatusCodePages());
        return app;
    }

    /// <summary>A browser asking for a page: it accepts HTML, and the address is not the API's or the feed's.</summary>
    private static bool WantsPage(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/odata")
        && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
