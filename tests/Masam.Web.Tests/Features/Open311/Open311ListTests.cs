using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;
using static Masam.Web.Tests.Features.Open311.Open311Tests;

namespace Masam.Web.Tests.Features.Open311;

/// <summary>Lists of requests, each test on an app of its own so that it knows every request there is.</summary>
public sealed class Open311ListTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _client = null!;
    private string _key = null!;
    private string _uliastai = null!;
    private string _capital = null!;

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        _uliastai = await CodeOfAsync(_factory, await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастайн ТҮТ", "civil-registration", "social-insurance"));
        _capital = await CodeOfAsync(_factory, await _factory.AddProviderAsync("MN51110", "oss-centre", "Баянзүрхийн ТҮТ", "civil-registration"));
        _key = (await IssueKeyAsync(_factory, "City CRM")).Key;
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private Dictionary<string, string> Valid() => ValidFor(_key, _uliastai);

    [Fact]
    public async Task AList_NeedsNoKey_AndNamesRequestsByTheirPublicNumber_NeverByTheCitizensTrackingCode()
    {
        var posted = await PostAsync(_client, "json", Valid());
        var id = await IdOfAsync(posted);
        var code = await _factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == long.Parse(id)).Select(f => f.TrackingCode).SingleAsync());

        // Any client lists without a key, as the standard has it (georeport, three by default).
        var listed = await _client.GetAsync("/open311/v2/requests.xml");
        var xml = await Open311Schemas.XmlAsync(listed, Open311Kind.ServiceRequests);
        Assert.Equal([id], xml.Root!.Elements("request").Select(r => (string?)r.Element("service_request_id")));
        var json = await (await _client.GetAsync("/open311/v2/requests.json")).Content.ReadAsStringAsync();
        foreach (var text in new[] { xml.ToString(), json })
        {
            Assert.DoesNotContain(code, text);
            Assert.DoesNotContain(TrackingCodes.Format(code), text);
        }

        // Ids a client was given before (the tracking code) still resolve, to the request's number.
        var byId = await Open311Schemas.JsonAsync(await _client.GetAsync($"/open311/v2/requests.json?service_request_id={id},{TrackingCodes.Format(code)},{code.ToLowerInvariant()}"), Open311Kind.ServiceRequests);
        Assert.Equal(id, Assert.Single(byId.EnumerateArray()).GetProperty("service_request_id").GetString());
        var old = await Open311Schemas.JsonAsync(await _client.GetAsync($"/open311/v2/requests/{TrackingCodes.Format(code)}.json"), Open311Kind.ServiceRequests);
        Assert.Equal(id, Assert.Single(old.EnumerateArray()).GetProperty("service_request_id").GetString());
        var token = await Open311Schemas.JsonAsync(await _client.GetAsync($"/open311/v2/tokens/{TrackingCodes.Format(code)}.json"), Open311Kind.Token);
        Assert.Equal(id, token[0].GetProperty("service_request_id").GetString());

        // The number grants nothing: the citizen's pages and actions want the code.
        Assert.NotEqual(HttpStatusCode.OK, (await _client.GetAsync($"/track/{id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await _client.PostAsync($"/api/v1/feedback/{id}/reopen", JsonContent.Create(new { reason = "Шийдэгдээгүй" }))).StatusCode);
    }

    [Fact]
    public async Task RequestsFilter_ByServiceStatusDatesAndJurisdiction_AndPage()
    {
        for (var i = 0; i < 3; i++) (await PostAsync(_client, "json", Valid())).EnsureSuccessStatusCode();
        var capital = Valid();
        (capital["attribute[provider]"], capital["lat"], capital["long"]) = (_capital, CapitalLat, CapitalLong);
        (await PostAsync(_client, "json", capital)).EnsureSuccessStatusCode();
        var social = Valid();
        social["service_code"] = "social-insurance";
        (await PostAsync(_client, "json", social)).EnsureSuccessStatusCode();
        var rejected = await _factory.WithDbAsync(async db =>
        {
            var item = await db.Feedback.OrderBy(f => f.Id).FirstAsync();
            item.Status = FeedbackStatus.Rejected;
            await db.SaveChangesAsync();
            return item.Id.ToString(CultureInfo.InvariantCulture);
        });

        async Task<List<string>> Ids(string query) =>
            [.. (await Open311Schemas.JsonAsync(await _client.GetAsync($"/open311/v2/requests.json?api_key={_key}&{query}"), Open311Kind.ServiceRequests))
                .EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];

        Assert.Equal(5, (await Ids("")).Count);
        Assert.Equal(4, (await Ids("service_code=civil-registration")).Count);
        Assert.Equal(5, (await Ids("service_code=civil-registration,social-insurance")).Count);
        Assert.Equal([rejected], await Ids("status=closed"));
        Assert.Equal(4, (await Ids("status=open")).Count);
        Assert.Equal(5, (await Ids("status=open,closed")).Count);
        Assert.Single(await Ids("jurisdiction_id=511"));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(5, (await Ids($"start_date={Uri.EscapeDataString(now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}")).Count);
        Assert.Empty(await Ids($"end_date={Uri.EscapeDataString(now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))}"));
        var all = await Ids("");
        Assert.Equal(all.Take(2), await Ids("page_size=2"));
        Assert.Equal(all.Skip(4), await Ids("page=3&page_size=2"));
    }
}
