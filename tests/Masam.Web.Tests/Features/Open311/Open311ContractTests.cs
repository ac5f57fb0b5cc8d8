using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Open311;

/// <summary>
/// A FixMyStreet-style client from start to end, in XML as such clients speak it: it discovers the
/// endpoint, reads the services and the chosen one's definition, posts a report with its api_key
/// (and the reporter's contact details, asking to be told), then follows the request until the
/// official's answer appears as status_notes and the request is closed.
/// </summary>
public sealed class Open311ContractTests : IDisposable
{
    private readonly MasamAppFactory _factory = new(("Masam:PublicUrl", "https://masam.test"));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AFixMyStreetStyleClient_ReportsAndFollowsToTheAnswer()
    {
        var providerId = await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастайн ТҮТ", "civil-registration");
        var key = (await Open311Tests.IssueKeyAsync(_factory, "FixMyStreet Mongolia")).Key;
        var app = _factory.CreateClient();

        // Discovery: the GeoReport v2 endpoint that speaks XML.
        var discovery = await Open311Schemas.XmlAsync(await app.GetAsync("/open311/v2/discovery.xml"), Open311Kind.Discovery);
        var endpoint = discovery.Root!.Element("endpoints")!.Elements("endpoint")
            .First(e => (string?)e.Element("specification") == "http://wiki.open311.org/GeoReport_v2" && e.Element("formats")!.Elements("format").Any(f => f.Value == "text/xml"));
        var baseUrl = new Uri((string)endpoint.Element("url")!).AbsolutePath;

        // The services of the jurisdiction, and the chosen one's definition.
        var services = await Open311Schemas.XmlAsync(await app.GetAsync($"{baseUrl}/services.xml?jurisdiction_id=181"), Open311Kind.Services);
        var service = services.Root!.Elements("service").First(s => (string?)s.Element("service_code") == "civil-registration");
        Assert.Equal("true", (string?)service.Element("metadata"));
        var definition = await Open311Schemas.XmlAsync(await app.GetAsync($"{baseUrl}/services/civil-registration.xml?jurisdiction_id=181"), Open311Kind.ServiceDefinition);
        var attributes = definition.Root!.Element("attributes")!.Elements("attribute").ToList();
        string FirstKey(string code) => (string)attributes.Single(a => (string?)a.Element("code") == code).Element("values")!.Elements("value").First().Element("key")!;
        var form = new Dictionary<string, string>
        {
            ["api_key"] = key, ["jurisdiction_id"] = "181", ["service_code"] = "civil-registration",
            ["lat"] = Open311Tests.UliastaiLat, ["long"] = Open311Tests.UliastaiLong,
            ["description"] = "Иргэний үнэмлэх авахад 3 удаа ирлээ.",
            ["email"] = "citizen@example.mn", ["first_name"] = "Сараа", ["last_name"] = "Б.",
            ["attribute[provider]"] = FirstKey("provider"), ["attribute[score]"] = FirstKey("score"), ["attribute[notify]"] = "true",
        };
        foreach (var required in attributes.Where(a => (string?)a.Element("required") == "true"))
        {
            Assert.True(form.ContainsKey($"attribute[{(string)required.Element("code")!}]"));
        }

        var posted = await Open311Schemas.XmlAsync(await Open311Tests.PostAsync(app, "xml", form), Open311Kind.RequestCreated);
        var id = (string)posted.Root!.Element("request")!.Element("service_request_id")!;
        // The citizen's tracking code comes in the notice, for the client to give to them.
        var code = System.Text.RegularExpressions.Regex.Match((string)posted.Root!.Element("request")!.Element("service_notice")!, "/track/([0-9A-Z-]{14})").Groups[1].Value;

        // Follow it as the client's update job does.
        async Task<XElement> RequestAsync() =>
            (await Open311Schemas.XmlAsync(await app.GetAsync($"{baseUrl}/requests/{id}.xml?jurisdiction_id=181"), Open311Kind.ServiceRequests)).Root!.Element("request")!;
        var first = await RequestAsync();
        Assert.Equal("open", (string?)first.Element("status"));
        Assert.Equal("Test centre", (string?)first.Element("agency_responsible"));

        var item = await _factory.WithDbAsync(db => db.Feedback.Include(f => f.Contact).SingleAsync());
        Assert.Equal((providerId, "citizen@example.mn", true), (item.ProviderId, item.Contact!.Email, item.Contact.Notify));
        await _factory.CreateStaffAsync("zavkhan@test.mn", "LocalOfficial", units: ["181"]);
        var official = await _factory.ClientForAsync("zavkhan@test.mn");
        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{item.Id}/status", new { status = "in-progress", version = item.Version })).EnsureSuccessStatusCode();
        Assert.Equal("open", (string?)(await RequestAsync()).Element("status"));

        var version = await _factory.WithDbAsync(db => db.Feedback.Select(f => f.Version).SingleAsync());
        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{item.Id}/responses", new { body = "Үнэмлэхийг маргааш олгоно.", @public = true, version })).EnsureSuccessStatusCode();
        var answered = await RequestAsync();
        Assert.Equal(("closed", "Үнэмлэхийг маргааш олгоно."), ((string?)answered.Element("status"), (string?)answered.Element("status_notes")));

        version = await _factory.WithDbAsync(db => db.Feedback.Select(f => f.Version).SingleAsync());
        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{item.Id}/status", new { status = "closed", version })).EnsureSuccessStatusCode();
        var closed = await RequestAsync();
        Assert.Equal("closed", (string?)closed.Element("status"));
        var closedAt = await _factory.WithDbAsync(db => db.Feedback.Select(f => f.ClosedAt).SingleAsync());
        Assert.Equal(Masam.Web.Features.Open311.Open311Writer.W3(closedAt!.Value), (string?)closed.Element("updated_datetime"));

        // The citizen asked to be told: the answer and the closing went to the e-mail the client sent.
        var notices = await _factory.WithDbAsync(db => db.Outbox.Where(m => m.To == "citizen@example.mn").CountAsync());
        Assert.True(notices >= 2, $"{notices} notices");
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/track/{code}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.GetAsync($"/track/{id}")).StatusCode); // the request's number is no credential
    }
}
