using System.Net;
using System.Net.Http.Headers;

namespace Masam.Web.Tests.Pages;

/// <summary>A browser that asks for a page that is not there gets a page, in its language; API clients keep their problem responses.</summary>
public sealed class ErrorPageTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly MasamAppFactory _factory = app.Factory;

    [Theory]
    [InlineData("/provider/99999")]
    [InlineData("/no/such/page")]
    public async Task AnUnknownAddress_InABrowser_IsA404Page_InMongolian_WithTheWayBack(string path)
    {
        var response = await Browser(_factory.CreateClient()).GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Хуудас олдсонгүй", html);
        Assert.Contains("href=\"/track\"", html);
        Assert.Contains("<link rel=\"stylesheet\"", html);
    }

    [Fact]
    public async Task TheErrorPage_FollowsTheReadersLanguage()
    {
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        await client.GetAsync("/language/en?returnUrl=/");

        var response = await Browser(client).GetAsync("/provider/99999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/providers/99999")]
    [InlineData("/api/v1/no-such-route")]
    public async Task TheApi_KeepsProblemResponses_EvenForABrowser(string path)
    {
        var response = await Browser(_factory.CreateClient()).GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AClientThatDoesNotAskForHtml_KeepsProblemResponses()
    {
        var response = await _factory.CreateClient().GetAsync("/no/such/page");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheErrorPage_VisitedDirectly_AnswersWithTheStatusItNames()
    {
        var response = await Browser(_factory.CreateClient()).GetAsync("/error/403");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Энэ хуудсыг үзэх эрхгүй байна", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AVersionedStylesheet_IsCachedForAYear_AndTheUnversionedOneIsNot()
    {
        var client = _factory.CreateClient();
        var home = await client.GetStringAsync("/");
        var href = System.Text.RegularExpressions.Regex.Match(home, "href=\"(/css/site\\.css\\?v=[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(href);

        var versioned = await client.GetAsync(href);
        var plain = await client.GetAsync("/css/site.css");

        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
        Assert.Null(plain.Headers.CacheControl);
    }

    private static HttpClient Browser(HttpClient client)
    {
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return client;
    }
}
