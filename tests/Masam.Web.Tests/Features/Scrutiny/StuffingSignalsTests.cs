using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Scrutiny;
using Masam.Web.Features.Visits;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Features.Sms;
using Masam.Web.Tests.Pages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Masam.Web.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Scrutiny;

/// <summary>
/// A stuffing campaign against one centre among its peers, on a fake clock: one phone sending 60
/// ratings of 5, 50 browsers from one address range, an operator entering 40, all within an hour;
/// beside it a genuine surge at another centre (40 distinct phones answering the survey of their
/// real visits). The campaign moves the counted figure by one voice per phone, browser and
/// operator, and the scan flags the centre with the right evidence; the surge is counted and not flagged.
/// </summary>
public sealed class StuffingSignalsTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new(
        ("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey), ("Masam:Sms:MaxPerPhonePerHour", "0"),
        ("Masam:Visits:Survey:Rate", "1"));

    // Within the current quarter, a week back at most, 08:00 in Ulaanbaatar.
    private static readonly DateOnly Day = Later(MongolianTime.DateOf(DateTime.UtcNow).AddDays(-6), FigurePeriod.QuarterOf(MongolianTime.MonthOf(DateTime.UtcNow)).FirstMonth);
    private readonly FakeTimeProvider _clock = new(MongolianTime.ToUtc(Day.ToDateTime(new TimeOnly(8, 0))));
    private HttpClient _api = null!;
    private HttpClient _operator = null!;
    private HttpClient _system = null!;
    private readonly Dictionary<int, string> _codes = [];
    private int _stuffed, _genuine;
    private List<int> _peers = [];

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    public async Task InitializeAsync()
    {
        _factory.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IStartupFilter, ClientAddress>();
        };
        _api = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        _stuffed = await CentreAsync("Улиастай сумын ТҮНЦТ");
        _genuine = await CentreAsync("Тосонцэнгэл сумын ТҮНЦТ");
        _peers = [];
        for (var i = 0; i < 5; i++) _peers.Add(await CentreAsync($"Хөрш төв {i}"));

        await _factory.CreateStaffAsync("operator@test.mn", StaffRoles.IntakeOperator);
        _system = await _factory.RegistryClientAsync();
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<int> CentreAsync(string name)
    {
        var id = await _factory.AddProviderAsync("MN18101", "oss-centre", name, "civil-registration");
        _codes[id] = await SmsEndpointTests.GiveSmsCodesAsync(_factory, id);
        return id;
    }

    private void At(int day, int hour, int minute = 0) => _clock.SetUtcNow(MongolianTime.ToUtc(Day.AddDays(day).ToDateTime(new TimeOnly(hour, minute))));

    private async Task SmsAsync(string from, string text, string id) =>
        (await _api.GetAsync($"/api/v1/sms/kannel?from={from}&to=1411&text={Uri.EscapeDataString(text)}&id={id}&key={SmsEndpointTests.Secret}")).EnsureSuccessStatusCode();

    private async Task WebAsync(int provider, string address, string browser)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback") { Content = JsonContent.Create(new { providerId = provider, score = 5 }) };
        request.Headers.Add("X-Client", address);
        request.Headers.Add("Cookie", $"masam-voice={browser}");
        Assert.Equal(HttpStatusCode.Created, (await _api.SendAsync(request)).StatusCode);
    }

    /// <summary>Everyday feedback: distinct phones, 14 minutes apart, at the peers (a fifth of them fives) and at both centres.</summary>
    private async Task EverydayAsync()
    {
        var sent = 0;
        async Task OneAsync(int provider, int score)
        {
            await SmsAsync($"9501{sent:0000}", $"{score} {_codes[provider]}", $"everyday-{sent}");
            sent++;
            _clock.Advance(TimeSpan.FromMinutes(14));
        }

        for (var i = 0; i < 16; i++)
        {
            foreach (var peer in _peers) await OneAsync(peer, i % 5 + 1);
        }

        for (var i = 0; i < 12; i++)
        {
            await OneAsync(_stuffed, i % 4 + 1); // no fives
            await OneAsync(_genuine, new[] { 4, 4, 5, 3 }[i % 4]);
        }
    }

    /// <summary>40 real visits to the genuine centre, asked the next morning, all answering within the hour.</summary>
    private async Task GenuineSurgeAsync()
    {
        At(1, 10);
        var code = await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == _genuine).Select(p => p.Code).SingleAsync());
        var visits = Enumerable.Range(0, 40).Select(i => new
        {
            visitId = $"V{i}", provider = code, serviceLine = "civil-registration",
            visitedAt = Day.AddDays(1).ToDateTime(new TimeOnly(9, i)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), phone = $"8802{i:0000}",
        }).ToArray();
        (await _system.PostAsJsonAsync("/api/v1/visits", new { visits })).EnsureSuccessStatusCode();
        At(1, 22);
        await RoundAsync();
        At(2, 9, 30);
        Assert.Equal(40, (await RoundAsync()).Asked);
        At(2, 10);
        for (var i = 0; i < 40; i++) await SmsAsync($"8802{i:0000}", (i % 10) switch { < 4 => "5", < 9 => "4", _ => "3" }, $"answer-{i}");
    }

    private async Task<SurveyRoundResult> RoundAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SurveyRound>().ExecuteAsync(CancellationToken.None);
    }

    /// <summary>Within one hour: one phone 60 times, 50 browsers from 203.0.113.0/24, an operator 40 times; all fives.</summary>
    private async Task CampaignAsync()
    {
        At(2, 11);
        _operator = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }); // signed in now: a session lasts hours, not days
        (await _operator.PostFormAsync("/account/sign-in", new() { ["Email"] = "operator@test.mn", ["Password"] = StaffTestAccounts.Password })).EnsureRedirect();
        for (var i = 0; i < 60; i++) await SmsAsync("99110001", $"5 {_codes[_stuffed]}", $"stuff-{i}");
        for (var i = 0; i < 50; i++) await WebAsync(_stuffed, $"203.0.113.{i % 7 + 10}", $"browser-{i:00}-0123456789abcdef"[..22]);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _operator.PostFormAsync("/staff/intake", new() { ["Input.Provider"] = _codes[_stuffed], ["Input.Score"] = "5" })).StatusCode);
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<(int N, int Fives)> CountedAsync(int provider) => _factory.WithDbAsync(async db =>
    {
        var all = await db.FeedbackCounts.Where(c => c.ProviderId == provider && c.Dimension == "all").ToListAsync();
        return (all.Sum(c => c.C1 + c.C2 + c.C3 + c.C4 + c.C5), all.Sum(c => c.C5));
    });

    [Fact]
    public async Task TheCampaign_CountsOnceAVoice_AndIsFlaggedWithItsEvidence_WhileTheGenuineSurgeIsCountedAndNotFlagged()
    {
        await EverydayAsync();
        await GenuineSurgeAsync();
        await CampaignAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));
        await InScopeAsync(sp => sp.GetRequiredService<FeedbackAggregation>().FullAsync(CancellationToken.None));

        // 12 everyday phones, then the phone once, 50 browsers, the operator once: 52 fives among 64.
        Assert.Equal((64, 52), await CountedAsync(_stuffed));
        Assert.Equal(80 + 24 + 40 + 150, await _factory.CountFeedbackAsync()); // everything is still stored
        Assert.Equal((52, 19), await CountedAsync(_genuine)); // 12 everyday and all 40 verified answers, each phone once

        var scan = await InScopeAsync(sp => sp.GetRequiredService<ScrutinyScan>().ExecuteAsync(CancellationToken.None));
        var period = FigurePeriod.QuarterOf(MongolianTime.MonthOf(_clock.GetUtcNow().UtcDateTime)).Name;
        var flags = await InScopeAsync(sp => sp.GetRequiredService<ScrutinyFlags>().ListAsync(period, null, withCleared: false, CancellationToken.None));
        var stuffedCode = await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == _stuffed).Select(p => p.Code).SingleAsync());
        Assert.Equal(["top-share", "burst", "repeated-voice", "one-range"], flags.Where(f => f.Provider == stuffedCode).Select(f => f.Signal));
        Assert.All(flags, f => Assert.Equal(stuffedCode, f.Provider)); // neither the genuine centre nor a peer
        Assert.Equal(4, scan.Raised);

        int Number(string signal, string name) => flags.Single(f => f.Signal == signal).Evidence.GetProperty(name).GetInt32();
        Assert.Equal((52, 64), (Number("top-share", "fives"), Number("top-share", "counted")));
        Assert.True(flags.Single(f => f.Signal == "top-share").PValue < 1e-6);
        Assert.Equal(150, Number("burst", "inHour"));
        Assert.Equal((60, 2, 100), (Number("repeated-voice", "ratings"), Number("repeated-voice", "voices"), Number("repeated-voice", "fromThem")));
        Assert.Equal("sms", flags.Single(f => f.Signal == "repeated-voice").Evidence.GetProperty("channel").GetString());
        Assert.Equal((50, 50), (Number("one-range", "voices"), Number("one-range", "webVoices")));
        Assert.Contains("60", flags.Single(f => f.Signal == "repeated-voice").Description);

        // Scanned again, the flags stand: none new, none cleared.
        Assert.Equal((4, 0, 0), await InScopeAsync(async sp => await sp.GetRequiredService<ScrutinyScan>().ExecuteAsync(CancellationToken.None) is var r ? (r.Standing, r.Raised, r.Cleared) : default));
    }
}
