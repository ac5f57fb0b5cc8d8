using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Localization;

public static class LocalizationSetup
{
    public static IServiceCollection AddMasamLocalization(this IServiceCollection services)
    {
        services.AddSingleton(TextCatalogue.Default);
        services.AddSingleton<IStringLocalizer, TextLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Cultures.Supported.Select(Cultures.Create).ToList();
            options.DefaultRequestCulture = new RequestCulture(Cultures.Mongolian);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // Pages are Mongolian unless the reader switched (query string or cookie), whatever
            // the browser's language; API and Open311 clients get English unless they ask for
            // Mongolian (Accept-Language, or Open311's locale argument).
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(ApiCultureAsync),
            ];
        });
        return services;
    }

    public static WebApplication UseMasamLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.MapGet("/language/{culture}", SwitchLanguage)
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }

    private static Task<ProviderCultureResult?> ApiCultureAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/open311"))
        {
            return Task.FromResult<ProviderCultureResult?>(null);
        }

        // GeoReport v2.1's locale (mn, mn_MN, en-US), then the header.
        var locale = context.Request.Query["locale"].ToString().Split('_', '-')[0];
        if (Cultures.Supported.Contains(locale, StringComparer.OrdinalIgnoreCase))
        {
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(locale.ToLowerInvariant()));
        }

        var asked = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0])
            .FirstOrDefault(l => l is not null && Cultures.Supported.Contains(l, StringComparer.OrdinalIgnoreCase));
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(asked?.ToLowerInvariant() ?? Cultures.English));
    }

    /// <summary>
    /// Whether a return address stays on this site, by the rule a local redirect applies (a path,
    /// not <c>//host</c> or <c>/\host</c>, no control characters): anything else goes to the home page.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary>The language switch: a plain link, so it works without JavaScript.</summary>
    private static IResult SwitchLanguage(string culture, string? returnUrl, HttpContext context)
    {
        if (!Cultures.Supported.Contains(culture))
        {
            return TypedResults.NotFound();
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }
}
