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

public sealed class AlphabeticalOrderTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheAimagList_IsInMongolianAlphabeticalOrder_NotByCharacterCode()
    {
        var page = await _factory.CreateClient().GetStringAsync("/feedback");
        var select = page[page.IndexOf("id=\"aimag\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        var aimags = System.Text.RegularExpressions.Regex.Matches(select, "<option value=\"\\d+\">([^<]+)</option>").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(22, aimags.Count);
        // Ө comes after О and before П, Ү after У; by character code both would come after Я.
        Assert.True(aimags.IndexOf("Орхон") < aimags.IndexOf("Өвөрхангай"), string.Join(", ", aimags));
        Assert.True(aimags.IndexOf("Өмнөговь") < aimags.IndexOf("Сүхбаатар"), string.Join(", ", aimags));
        Assert.True(aimags.IndexOf("Хөвсгөл") < aimags.IndexOf("Хэнтий"), string.Join(", ", aimags));
    }
}
