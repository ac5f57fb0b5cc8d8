using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Masam.Web.Tests.Localization;

public sealed class CultureTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void EnglishPages_WriteDatesDayMonthYear_AndMongolianKeepsItsOwn()
    {
        var cultures = _factory.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value.SupportedCultures!;
        var date = new DateOnly(2026, 12, 2);

        Assert.Equal("2 Dec 2026", date.ToString("d", cultures.Single(c => c.Name == "en")));
        Assert.Equal(date.ToString("d", new CultureInfo("mn")), date.ToString("d", cultures.Single(c => c.Name == "mn")));
    }

    [Fact]
    public async Task AnEnglishPage_ShowsTheDateSo()
    {
        var provider = await _factory.AddProviderAsync();
        var receipt = await (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(_factory.CreateClient(), "/api/v1/feedback", new { providerId = provider, score = 3 }))
            .Content.ReadAsStringAsync();
        var code = System.Text.Json.JsonDocument.Parse(receipt).RootElement.GetProperty("trackingCode").GetString();
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await client.GetAsync("/language/en?returnUrl=/");

        var page = await client.GetStringAsync($"/track/{code}");

        var today = Masam.Web.Infrastructure.MongolianTime.DateOf(DateTime.UtcNow);
        Assert.Contains(today.ToString("d MMM yyyy", CultureInfo.InvariantCulture), page);
        Assert.DoesNotContain(today.ToString("M/d/yyyy", CultureInfo.InvariantCulture), page);
    }
}
