using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Figures;
using Masam.Web.Tests.Pages;
using Masam.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Scrutiny;

/// <summary>
/// An analyst holds a provider's figure for a published quarter: the figure says "held for review"
/// wherever it is published, cannot be worked out from its soum and neighbours, and comes back when
/// the hold is released; a confirmed hold says "withheld after review". Every step is audited, and
/// bad requests are refused whole.
/// </summary>
public sealed class FigureHoldTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _analyst = null!;
    private int _held, _neighbour;
    private string _code = "";

    public async Task InitializeAsync()
    {
        _held = await _factory.AddProviderAsync("MN18101");
        _neighbour = await _factory.AddProviderAsync("MN18101");
        var august = new DateTime(2025, 8, 12, 4, 0, 0, DateTimeKind.Utc);
        await _factory.AddResponsesAsync(_held, august, [.. Enumerable.Repeat(5, 25), .. Enumerable.Repeat(2, 5)]);
        await _factory.AddResponsesAsync(_neighbour, august, [.. Enumerable.Repeat(4, 20), .. Enumerable.Repeat(1, 20)]);
        await _factory.AddResponsesAsync(_neighbour, august.AddMonths(3), [.. Enumerable.Repeat(3, 15)]);
        await _factory.AddResponsesAsync(_neighbour, august, [.. Enumerable.Repeat(5, 9), 2, 2, 2], f => f.Channel = Masam.Web.Features.Feedback.FeedbackChannel.Survey);
        await CountAsync();
        _code = await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == _held).Select(p => p.Code).SingleAsync());
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        _analyst = await _factory.ClientForAsync("analyst@test.mn");
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task CountAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedbackAggregation>().FullAsync(default);
    }

    private Task<Dictionary<(string, string), string>> PublishedAsync() => _factory.WithDbAsync(async db =>
        (await db.PublishedCells.Where(c => c.Dimension == "all" && c.Value == "" && (c.ProviderId != 0 || c.Level == FigureLevel.Soum)).ToListAsync())
            .ToDictionary(c => (c.ProviderId == _held ? "held" : c.ProviderId == _neighbour ? "neighbour" : "soum", c.Period), c => WireEnum(c.Disclosure)));

    private static string WireEnum(CellDisclosure disclosure) => Masam.Web.Infrastructure.WireEnum<CellDisclosure>.Name(disclosure);

    private async Task<string> PublicDisclosureAsync(string period) =>
        (await _factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction?period={period}&provider={_held}"))
            .GetProperty("cells")[0].GetProperty("disclosure").GetString()!;

    [Fact]
    public async Task AHeldFigure_IsPublishedAsHeld_ProtectedFromDifferencing_AndBackWhenReleased()
    {
        Assert.Equal("shown", await PublicDisclosureAsync("2025-Q3"));

        var response = await _analyst.PostAsJsonAsync("/api/v1/staff/holds", new { provider = _code, period = "2025-Q3", reason = "60 ratings from one phone" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hold = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("held", hold.GetProperty("state").GetString());

        Assert.Equal("held", await PublicDisclosureAsync("2025-Q3"));
        Assert.Equal("held", await PublicDisclosureAsync("2025")); // the year holds the quarter
        var published = await PublishedAsync();
        // Its soum less its neighbour would give it away: one of the two is hidden as well, in the quarter and in the year.
        foreach (var period in new[] { "2025-Q3", "2025" })
        {
            Assert.False(published[("soum", period)] == "shown" && published[("neighbour", period)] == "shown", $"{period} can be differenced");
        }

        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "figures.hold")));
        var again = await _analyst.PostAsJsonAsync("/api/v1/staff/holds", new { provider = _code, period = "2025-Q3", reason = "twice" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var id = hold.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await _analyst.PostAsJsonAsync($"/api/v1/staff/holds/{id}/release", new { decision = " " })).StatusCode);
        var released = await _analyst.PostAsJsonAsync($"/api/v1/staff/holds/{id}/release", new { decision = "The phone was the centre's own test; the rest is sound" });
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal("shown", await PublicDisclosureAsync("2025-Q3"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _analyst.PostAsJsonAsync($"/api/v1/staff/holds/{id}/confirm", new { decision = "too late" })).StatusCode);

        // Held again and confirmed: withheld after review, for good.
        var second = await (await _analyst.PostAsJsonAsync("/api/v1/staff/holds", new { provider = _code, period = "2025-Q3", reason = "Visits fudged" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await _analyst.PostAsJsonAsync($"/api/v1/staff/holds/{second.GetProperty("id").GetInt32()}/confirm", new { decision = "Confirmed with the aimag" })).StatusCode);
        Assert.Equal("withheld", await PublicDisclosureAsync("2025-Q3"));
        await CountAsync();
        Assert.Equal("withheld", await PublicDisclosureAsync("2025-Q3")); // every later run keeps it so
        Assert.Equal(["figures.hold", "figures.hold-released", "figures.hold", "figures.hold-confirmed"],
            await _factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("figures.hold")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Theory]
    [InlineData("{\"provider\":\"NOPE\",\"period\":\"2025-Q3\",\"reason\":\"x\"}", "provider")]
    [InlineData("{\"provider\":\"{code}\",\"period\":\"2025\",\"reason\":\"x\"}", "period")]
    [InlineData("{\"provider\":\"{code}\",\"period\":\"2025-Q5\",\"reason\":\"x\"}", "period")]
    [InlineData("{\"provider\":\"{code}\",\"period\":\"2025-Q3\",\"reason\":\"  \"}", "reason")]
    [InlineData("{\"provider\":\"{code}\",\"period\":\"2025-Q3\"}", "reason")]
    public async Task ABadHold_IsRefusedWithTheFieldNamed_AndNothingIsHeld(string body, string field)
    {
        using var content = new StringContent(body.Replace("{code}", _code), System.Text.Encoding.UTF8, "application/json");
        var response = await _analyst.PostAsync("/api/v1/staff/holds", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Set<Masam.Web.Features.Scrutiny.FigureHold>().CountAsync()));
        Assert.Equal("shown", await PublicDisclosureAsync("2025-Q3"));
    }

    [Fact]
    public async Task OnlyAnalystsAndAdmin_SeeFlagsAndHoldFigures()
    {
        await _factory.CreateStaffAsync("official@test.mn", StaffRoles.LocalOfficial, units: ["MN18101"]);
        var official = await _factory.ClientForAsync("official@test.mn");
        Assert.Equal(HttpStatusCode.Forbidden, (await official.GetAsync("/api/v1/staff/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await official.PostAsJsonAsync("/api/v1/staff/holds", new { provider = _code, period = "2025-Q3", reason = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/v1/staff/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _analyst.GetAsync("/api/v1/staff/flags?period=2025-Q3")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _analyst.GetAsync("/api/v1/staff/flags?period=2025-13")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _analyst.PostAsJsonAsync("/api/v1/staff/holds/999/release", new { decision = "x" })).StatusCode);
    }

    [Fact]
    public async Task TheFlagsPage_ShowsTheEvidenceInWords_AndHoldsAFigureWithAReason()
    {
        await _factory.WithDbAsync(async db =>
        {
            db.Add(new Masam.Web.Features.Scrutiny.ScrutinyFlag
            {
                ProviderId = _held, Period = "2025-Q3", Signal = "repeated-voice", FirstSeenAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
                Evidence = "{\"ratings\":60,\"channel\":\"sms\",\"voices\":1,\"fromThem\":60,\"stored\":90,\"least\":5}",
            });
            await db.SaveChangesAsync();
        });
        var page = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await page.PostFormAsync("/account/sign-in", new() { ["Email"] = "analyst@test.mn", ["Password"] = StaffTestAccounts.Password })).EnsureRedirect();
        Assert.Contains("/staff/flags", await page.GetStringAsync("/staff"));

        var html = await page.GetStringAsync("/staff/flags?period=2025-Q3");
        Assert.Contains("Нэг илгээгч (SMS) 60 үнэлгээ өгсөн", html);

        var empty = await page.PostFormAsync("/staff/flags?handler=hold", new() { ["period"] = "2025-Q3", ["provider"] = _code, ["reason"] = "" }, "/staff/flags?period=2025-Q3");
        Assert.Contains("Шалтгааныг бичнэ үү.", await empty.Content.ReadAsStringAsync());
        Assert.Equal("shown", await PublicDisclosureAsync("2025-Q3"));

        var held = await page.PostFormAsync("/staff/flags?handler=hold", new() { ["period"] = "2025-Q3", ["provider"] = _code, ["reason"] = "Нэг утаснаас 60 үнэлгээ" }, "/staff/flags?period=2025-Q3");
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Contains("Нэг утаснаас 60 үнэлгээ", await held.Content.ReadAsStringAsync());
        Assert.Equal("held", await PublicDisclosureAsync("2025-Q3"));
    }

    [Fact]
    public async Task StaffFiguresBySource_ShowVerifiedBesideSelfSelected_WithinTheAccountsScope()
    {
        var rows = await _analyst.GetFromJsonAsync<JsonElement>("/api/v1/staff/figures/by-source?period=2025-Q3");
        var neighbour = rows.EnumerateArray().Single(r => r.GetProperty("provider").GetString() != _code);
        var (verified, self) = (neighbour.GetProperty("verified"), neighbour.GetProperty("selfSelected"));
        Assert.Equal((12, 0.75), (verified.GetProperty("n").GetInt32(), verified.GetProperty("rate").GetDouble()));
        Assert.Equal((40, 0.5), (self.GetProperty("n").GetInt32(), self.GetProperty("rate").GetDouble()));
        var (lower, upper) = SatisfactionStatistics.WilsonInterval(9, 12);
        Assert.Equal((lower, upper), (verified.GetProperty("rateLower").GetDouble(), verified.GetProperty("rateUpper").GetDouble()));
        var held = rows.EnumerateArray().Single(r => r.GetProperty("provider").GetString() == _code);
        Assert.Equal(0, held.GetProperty("verified").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("verified").GetProperty("rate").ValueKind);

        await _factory.CreateStaffAsync("khovsgol@test.mn", StaffRoles.LocalOfficial, units: ["267"]);
        Assert.Empty((await (await _factory.ClientForAsync("khovsgol@test.mn")).GetFromJsonAsync<JsonElement>("/api/v1/staff/figures/by-source?period=2025-Q3")).EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await _analyst.GetAsync("/api/v1/staff/figures/by-source?period=2025-Q9")).StatusCode);
    }
}
