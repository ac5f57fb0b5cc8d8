using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Masam.Web.Tests.Infrastructure;

public sealed class HttpsTests
{
    [Fact]
    public async Task WithHttpsEnabled_HttpIsRedirected_AndHttpsGetsHsts()
    {
        using var factory = new MasamAppFactory(("Masam:Https:Enabled", "true"), ("https_port", "443"));

        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirect = await http.GetAsync("/feedback");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal("https://localhost/feedback", redirect.Headers.Location?.ToString());

        var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://masam.test") });
        // HSTS is never sent to localhost (a browser would remember it for every local app).
        var page = await https.GetAsync("/feedback");
        Assert.Contains("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task WithHttpsOff_TheDefault_HttpIsServed()
    {
        using var factory = new MasamAppFactory();

        var response = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/feedback");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
