using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Masam.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy or load balancer: <c>Masam:Proxy:TrustedProxies</c> lists the addresses
/// (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/24</c>) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. The client's address then partitions the rate limit
/// (else every citizen would share the proxy's), and the original scheme decides HTTPS redirects.
/// Headers from anywhere else are ignored, so a client cannot choose its own address.
/// </summary>
public static class ProxySetup
{
    public static IServiceCollection AddMasamProxy(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<MasamOptions>>((options, masam) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in masam.Value.Proxy.Entries)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline, so that everything after sees the client's address and scheme. Only
    /// with proxies named: the middleware with an empty list would believe any sender.
    /// </summary>
    public static WebApplication UseMasamProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MasamOptions>>().Value.Proxy.Entries.Any())
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
