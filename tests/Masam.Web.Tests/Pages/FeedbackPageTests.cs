using System.Net;
using Masam.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Pages;

public sealed class FeedbackPageTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private readonly HttpClient _client;

    public FeedbackPageTests() =>
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Form_ListsEveryAimag_InMongolianByDefault()
    {
        var html = await _client.GetStringAsync("/feedback");

        Assert.Contains("<html lang=\"mn\">", html);
        Assert.Contains("Санал хүсэлт өгөх", html);
        foreach (var aimag in new[] { "Завхан", "Хөвсгөл", "Өмнөговь", "Баян-Өлгий", "Улаанбаатар", "Дархан-Уул", "Говьсүмбэр" })
        {
            Assert.Contains($">{aimag}</option>", html);
        }

        Assert.Equal(22, html.Split("<option value=\"").Skip(1).Count(option => !option.StartsWith('"')));
    }

    [Fact]
    public async Task Form_WalksFromAimagToSoumToProvider_WithoutJavaScript()
    {
        var provider = await _factory.AddProviderAsync("MN18101", nameMn: "Улиастай сумын ТҮНЦТ", serviceLines: ["tax"]);

        var soums = await _client.GetStringAsync("/feedback?aimag=181");
        Assert.Contains(">Улиастай</option>", soums);
        Assert.Contains(">Тосонцэнгэл</option>", soums);

        var providers = await _client.GetStringAsync("/feedback?aimag=181&soum=MN18101");
        Assert.Contains($"<option value=\"{provider}\">Улиастай сумын ТҮНЦТ</option>", providers);

        var form = await _client.GetStringAsync($"/feedback?aimag=181&soum=MN18101&provider={provider}");
        Assert.Contains("name=\"Form.Score\"", form);
        Assert.Contains("Маш сайн", form);
        Assert.Contains("Татвар", form);
    }

    [Fact]
    public async Task Form_IgnoresAStaleSoum_WhenTheAimagChanged()
    {
        var html = await _client.GetStringAsync("/feedback?aimag=267&soum=MN18101");

        Assert.Contains(">Мөрөн</option>", html);
        Assert.DoesNotContain("<select id=\"provider\"", html);
    }

    [Fact]
    public async Task Post_StoresFeedback_AndShowsTheTrackingCode()
    {
        var provider = await _factory.AddProviderAsync("MN18101");
        var url = $"/feedback?aimag=181&soum=MN18101&provider={provider}";

        var response = await _client.PostFormAsync(url, new()
        {
            ["Form.Score"] = "4",
            ["Form.Comment"] = "Ажилтнууд эелдэг байлаа.",
            ["Form.Gender"] = "female",
            ["Form.AgeBand"] = "25-34",
            ["Form.HerderHousehold"] = "yes",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _factory.WithDbAsync(db => db.Feedback.Include(f => f.Contact).SingleAsync());
        Assert.Equal(4, stored.Score);
        Assert.Equal(FeedbackChannel.Web, stored.Channel);
        Assert.True(stored.HerderHousehold);
        Assert.Null(stored.HasDisability);
        Assert.Null(stored.Contact);
        var code = TrackingCodes.Format(stored.TrackingCode);
        Assert.Equal($"/feedback/sent/{code}", response.Headers.Location?.OriginalString);

        var sent = await _client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains(code, sent);
        Assert.Contains($"href=\"/track/{code}\"", sent);
    }

    [Fact]
    public async Task Post_ShowsErrorsInMongolian_AndStoresNothing_WhenTheScoreIsMissing()
    {
        var provider = await _factory.AddProviderAsync("MN18101");

        var response = await _client.PostFormAsync($"/feedback?aimag=181&soum=MN18101&provider={provider}", new()
        {
            ["Form.Comment"] = "Оноо өгөхөө мартсан",
            ["Form.ContactPhone"] = "123",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("1-ээс 5 хүртэлх үнэлгээ өгнө үү.", html);
        Assert.Contains("Утасны дугаар 8 оронтой", html);
        Assert.Contains("Оноо өгөхөө мартсан", html);
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused()
    {
        var provider = await _factory.AddProviderAsync("MN18101");

        var response = await _client.PostAsync($"/feedback?aimag=181&soum=MN18101&provider={provider}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Score"] = "5" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task LanguageSwitch_ShowsThePageInEnglish_AndRemembersIt()
    {
        var provider = await _factory.AddProviderAsync("MN18101");

        var switched = await _client.GetAsync("/language/en?returnUrl=%2Ffeedback");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/feedback", switched.Headers.Location?.OriginalString);

        var html = await _client.GetStringAsync($"/feedback?aimag=181&soum=MN18101&provider={provider}");
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Give feedback", html);
        Assert.Contains(">Zavkhan</option>", html);
        Assert.Contains("Very good", html);
    }

    [Fact]
    public async Task LanguageSwitch_DoesNotRedirectOffSite()
    {
        var response = await _client.GetAsync("/language/en?returnUrl=https%3A%2F%2Fevil.example");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TrackPage_SaysSo_ForAnUnknownOrMistypedCode()
    {
        var unknown = await _client.GetAsync($"/track/{TrackingCodes.Format(TrackingCodes.New())}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Энэ кодтой санал хүсэлт олдсонгүй.", await unknown.Content.ReadAsStringAsync());

        var mistyped = await _client.GetAsync("/track/ABCD-EFGH-JKMN");
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.Contains("Энэ код буруу байна.", await mistyped.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TrackForm_RedirectsToTheTidyAddress()
    {
        var code = TrackingCodes.New();

        var response = await _client.GetAsync($"/track?code={code.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/track/{TrackingCodes.Format(code)}", response.Headers.Location?.OriginalString);
    }
}
