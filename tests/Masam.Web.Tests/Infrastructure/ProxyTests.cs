using System.Net;
using Masam.Web.Tests.Features.Feedback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Infrastructure;

/// <summary>Behind a load balancer: whose X-Forwarded-For is believed decides how citizens are rate-limited.</summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task BehindATrustedProxy_EachClientHasItsOwnLimit()
    {
        using var factory = AppBehindProxy(("Masam:Proxy:TrustedProxies:0", "10.0.0.5"));
        var provider = await factory.AddProviderAsync();
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(From("203.0.113.5", provider))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(From("203.0.113.5", provider))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(From("203.0.113.5", provider))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(From("203.0.113.6", provider))).StatusCode);
    }

    [Fact]
    public async Task WithoutATrustedProxy_AClientCannotChooseItsAddress()
    {
        using var factory = AppBehindProxy();
        var provider = await factory.AddProviderAsync();
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(From("203.0.113.5", provider))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(From("203.0.113.6", provider))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(From("203.0.113.7", provider))).StatusCode);
    }

    [Theory]
    [InlineData("Masam:Proxy:TrustedProxies:0", "10.0.0.300", "10.0.0.300")]
    [InlineData("Masam:Proxy:TrustedProxies:0", "10.0.0.0/99", "10.0.0.0/99")]
    [InlineData("Masam:Https:HstsMaxAgeDays", "-1", "HstsMaxAgeDays")]
    [InlineData("Masam:RateLimit:FeedbackPerMinute", "-5", "FeedbackPerMinute")]
    public void ABadNestedSetting_StopsTheStart_NamingIt(string key, string value, string named)
    {
        using var factory = new MasamAppFactory((key, value));

        var failure = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.Services);

        Assert.Contains(named, failure.Message);
    }

    /// <summary>An app whose every request arrives from 10.0.0.5 (the proxy), limited to two submissions a minute per client.</summary>
    private static MasamAppFactory AppBehindProxy(params (string, string?)[] settings)
    {
        var factory = new MasamAppFactory([("Masam:RateLimit:FeedbackPerMinute", "2"), .. settings]);
        factory.ConfigureServices = services => services.AddSingleton<IStartupFilter, FromProxy>();
        return factory;
    }

    private static HttpRequestMessage From(string client, int provider)
    {
        var request = FeedbackRequests.Submit(new { providerId = provider, score = 3 });
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }

    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
                return then(context);
            });
            next(app);
        };
    }
}
