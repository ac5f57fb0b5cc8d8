using Microsoft.AspNetCore.HttpsPolicy;
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

    /// <summary>HSTS from the validated <c>Masam:Https</c> options (<see cref="HttpsOptions.HstsMaxAgeDays"/>).</summary>
    public static IServiceCollection AddMasamHttps(this IServiceCollection services)
    {
        services.AddOptions<HstsOptions>().Configure<IOptions<MasamOptions>>((hsts, masam) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(masam.Value.Https.HstsMaxAgeDays);
            hsts.IncludeSubDomains = true;
        });
        return services;
    }
}
