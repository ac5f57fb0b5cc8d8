using Microsoft.Extensions.Options;

namespace Masam.Web.Infrastructure;

public static class HttpsSetup
{
    /// <summary>
    /// With <c>Masam:Https:Enabled</c>: HTTP is redirected to HTTPS, HSTS is sent and cookies are
    /// Secure only. Without it, every cookie set over HTTPS is still marked Secure (the staff
    /// cookie, antiforgery, the language), so that none leaks to a plain-HTTP request.
    /// </summary>
    public static WebApplication UseMasamHttps(this WebApplication app)
    {
        var https = app.Services.GetRequiredService<IOptions<MasamOptions>>().Value.Https;
        if (!https.Enabled)
        {
            app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.SameAsRequest });
            return app;
        }

        app.UseHsts();
        app.UseHttpsRedirection();
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        return app;
    }

    public static IServiceCollection AddMasamHttps(this IServiceCollection services, IConfiguration configuration)
    {
        var days = configuration.GetValue($"{MasamOptions.Section}:Https:HstsMaxAgeDays", 365);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(days);
            options.IncludeSubDomains = true;
        });
        return services;
    }
}
