using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Figures;
using Masam.Web.Tests.Features.Sms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Masam.Web.Tests.Pages;

namespace Masam.Web.Tests.Features.Figures;

/// <summary>
/// A stuffing campaign against one provider, as an outside tester played it, and a genuine surge
/// beside it: one phone sending 60 ratings, an API client without cookies, 50 browsers from one
/// address range, an operator entering 40. Each phone, browser, address and operator counts once a
/// provider and month (its latest rating), through the incremental runs as through a full one;
/// everything is still stored.
/// </summary>
public sealed class CountingOnceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly MasamAppFactory _factory = new(
        ("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey), ("Masam:Sms:MaxPerPhonePerHour", "0"));

    private HttpClient _api = null!;
    private HttpClient _operator = null!;
    private int _provider;
    private string _code = "";

    public async Task InitializeAsync()
    {
        _factory.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IStartupFilter, ClientAddress>();
        };
        _api = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        _provider = await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ", "civil-registration");
        _code = await SmsEndpointTests.GiveSmsCodesAsync(_factory, _provider);
        await _factory.CreateStaffAsync("operator@test.mn", StaffRoles.IntakeOperator);
        _operator = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await _operator.PostFormAsync("/account/sign-in", new() { ["Email"] = "operator@test.mn", ["Password"] = StaffTestAccounts.Password })).EnsureRedirect();
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task SmsAsync(string from, int score, string id) =>
        (await _api.GetAsync($"/api/v1/sms/kannel?from={from}&to=1411&text={Uri.EscapeDataString($"{score} {_code}")}&id={id}&key={SmsEndpointTests.Secret}")).EnsureSuccessStatusCode();

    private async Task WebAsync(string address, string? browser)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback") { Content = JsonContent.Create(new { providerId = _provider, score = 5 }) };
        request.Headers.Add("X-Client", address);
        if (browser is not null) request.Headers.Add("Cookie", $"masam-voice={browser}");
        Assert.Equal(HttpStatusCode.Created, (await _api.SendAsync(request)).StatusCode);
    }

    private async Task OperatorAsync() =>
        Assert.Equal(HttpStatusCode.OK, (await _operator.PostFormAsync("/staff/intake", new() { ["Input.Provider"] = _code, ["Input.Score"] = "5" })).StatusCode);

    /// <summary>Half of everyone's campaign; the phone's very last rating is a 3.</summary>
    private async Task CampaignAsync(int half)
    {
        for (var i = 0; i < 30; i++) await SmsAsync("99110001", half == 1 && i == 29 ? 3 : 5, $"stuff-{half}-{i}");
        for (var i = 0; i < 5; i++) await WebAsync("203.0.113.9", browser: null);
        for (var i = 0; i < 25; i++) await WebAsync($"203.0.113.{i % 4}", $"browser-{half}-{i:00}-0123456789ab"[..22]);
        for (var i = 0; i < 20; i++) await OperatorAsync();
        for (var i = 0; i < 20; i++) await SmsAsync($"8812{half}{i:000}", 2, $"genuine-{half}-{i}"); // a real surge: distinct phones
    }

    private async Task<AggregationRun> RunAsync(bool full)
    {
        _clock.Advance(FeedbackAggregation.SettleTime * 2);
        await using var scope = _factory.Services.CreateAsyncScope();
        var aggregation = scope.ServiceProvider.GetRequiredService<FeedbackAggregation>();
        return full ? await aggregation.FullAsync(CancellationToken.None) : await aggregation.IncrementalAsync(CancellationToken.None);
    }

    private Task<List<(string, string, int, int, int, int, int)>> CountsAsync() => _factory.WithDbAsync(async db =>
        (await db.FeedbackCounts.Where(c => c.ProviderId == _provider).OrderBy(c => c.Dimension).ThenBy(c => c.Value).ToListAsync())
            .Select(c => (c.Dimension, c.Value, c.C1, c.C2, c.C3, c.C4, c.C5)).ToList());

    [Fact]
    public async Task EachPhoneBrowserAddressAndOperator_CountsOnce_WithItsLatestRating_AndEverythingIsStored()
    {
        await RunAsync(full: true);
        await CampaignAsync(0);
        Assert.Equal("incremental", (await RunAsync(full: false)).Kind);
        await CampaignAsync(1);
        await RunAsync(full: false);

        var incremental = await CountsAsync();
        var all = Assert.Single(incremental, c => c.Item1 == "all");
        // The phone once (its last rating, 3); the cookie-less client once; 50 browsers; the operator once; 40 genuine phones.
        Assert.Equal((0, 40, 1, 0, 52), (all.Item3, all.Item4, all.Item5, all.Item6, all.Item7));
        Assert.Equal(200, await _factory.CountFeedbackAsync()); // 60 + 10 + 50 + 40 + 40: all stored and answered as ever

        await RunAsync(full: true);
        Assert.Equal(incremental, await CountsAsync());
    }

    [Fact]
    public async Task AVoiceHeardAgain_WithOtherAnswers_IsTakenOutWhereItWas_ExactlyAsAFullRunCountsIt()
    {
        var other = await _factory.AddProviderAsync("MN18101", "oss-centre", "Тосонцэнгэл сумын ТҮНЦТ", "civil-registration", "tax");
        async Task RateAsync(string browser, int score, string gender, string line)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback")
            {
                Content = JsonContent.Create(new { providerId = other, score, serviceLine = line, demographics = new { gender, ageBand = gender == "female" ? "25-34" : null } }),
            };
            request.Headers.Add("Cookie", $"masam-voice={browser}");
            Assert.Equal(HttpStatusCode.Created, (await _api.SendAsync(request)).StatusCode);
        }

        await RunAsync(full: true);
        await RateAsync("only-browser-000000000", 5, "female", "tax");      // the only woman, the only tax rating
        await RateAsync("other-browser-00000000", 2, "male", "civil-registration");
        await RunAsync(full: false);
        await RateAsync("only-browser-000000000", 1, "male", "civil-registration"); // she changes her mind, and her answers
        await RunAsync(full: false);

        var incremental = (await _factory.WithDbAsync(db => db.FeedbackCounts.Where(c => c.ProviderId == other).OrderBy(c => c.Dimension).ThenBy(c => c.Value).ToListAsync()))
            .Select(c => (c.Dimension, c.Value, c.C1, c.C2, c.C3, c.C4, c.C5)).ToList();
        Assert.DoesNotContain(incremental, c => c.Value is "female" or "tax" or "25-34");
        Assert.Contains(("all", "", 1, 1, 0, 0, 0), incremental);
        var responsiveness = await _factory.WithDbAsync(db => db.ResponsivenessCounts.SingleAsync(c => c.ProviderId == other));
        Assert.Equal(2, responsiveness.Received);

        await RunAsync(full: true);
        Assert.Equal(incremental, (await _factory.WithDbAsync(db => db.FeedbackCounts.Where(c => c.ProviderId == other).OrderBy(c => c.Dimension).ThenBy(c => c.Value).ToListAsync()))
            .Select(c => (c.Dimension, c.Value, c.C1, c.C2, c.C3, c.C4, c.C5)).ToList());
    }
}
