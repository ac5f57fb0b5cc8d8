using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Open311;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Open311;

/// <summary>
/// One app for the Open311 tests that can share it (each reads what it stored by its own id):
/// providers in Uliastai (Zavkhan) and Bayanzürkh (the capital), a key, and Zavkhan's official.
/// </summary>
public sealed class Open311App : IAsyncLifetime
{
    public MasamAppFactory Factory { get; } = new(("Masam:PublicUrl", "https://masam.test"));
    public HttpClient Client { get; private set; } = null!;
    public HttpClient Official { get; private set; } = null!;
    public string Key { get; private set; } = null!;
    public string Uliastai { get; private set; } = null!;
    public string Capital { get; private set; } = null!;
    public int UliastaiId { get; private set; }

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        UliastaiId = await Factory.AddProviderAsync("MN18101", "oss-centre", "Улиастайн ТҮТ", "civil-registration", "social-insurance");
        var capitalId = await Factory.AddProviderAsync("MN51110", "oss-centre", "Баянзүрхийн ТҮТ", "civil-registration");
        Uliastai = await Open311Tests.CodeOfAsync(Factory, UliastaiId);
        Capital = await Open311Tests.CodeOfAsync(Factory, capitalId);
        Key = (await Open311Tests.IssueKeyAsync(Factory, "FixMyStreet Mongolia")).Key;
        await Factory.CreateStaffAsync("zavkhan@test.mn", "LocalOfficial", units: ["181"]);
        Official = await Factory.ClientForAsync("zavkhan@test.mn");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The GeoReport v2 server, called as an Open311 client calls it: every response checked against
/// the specification's schemas (Schemas/), in XML and in JSON.
/// </summary>
public sealed class Open311Tests(Open311App app) : IClassFixture<Open311App>
{
    /// <summary>Uliastai, Zavkhan's centre, and Ulaanbaatar's Sükhbaatar square; Beijing is outside Mongolia.</summary>
    public const string UliastaiLat = "47.7417", UliastaiLong = "96.8444", CapitalLat = "47.9189", CapitalLong = "106.9176";

    private readonly MasamAppFactory _factory = app.Factory;
    private readonly HttpClient _client = app.Client;
    private readonly string _key = app.Key;
    private readonly string _uliastai = app.Uliastai;
    private readonly string _capital = app.Capital;
    private readonly int _uliastaiId = app.UliastaiId;

    public static Task<string> CodeOfAsync(MasamAppFactory factory, int providerId) =>
        factory.WithDbAsync(db => db.Providers.Where(p => p.Id == providerId).Select(p => p.Code).SingleAsync());

    /// <summary>A key issued as Admin issues it (the app's own class).</summary>
    public static async Task<(int Id, string Key)> IssueKeyAsync(MasamAppFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var (issued, errors) = await scope.ServiceProvider.GetRequiredService<Open311Clients>().IssueAsync(name, CancellationToken.None);
        Assert.False(errors.Any);
        return (issued!.Client.Id, issued.Key);
    }

    /// <summary>The stored item a POST's answer names.</summary>
    private Task<FeedbackItem> StoredAsync(string id) =>
        _factory.WithDbAsync(db => db.Feedback.Include(f => f.Contact).SingleAsync(f => f.Id == long.Parse(id, CultureInfo.InvariantCulture)));

    public static async Task<string> IdOfAsync(HttpResponseMessage response) =>
        (await Open311Schemas.JsonAsync(response, Open311Kind.RequestCreated))[0].GetProperty("service_request_id").GetString()!;

    /// <summary>A complete, valid request for Uliastai's centre; each test changes what it is about.</summary>
    private Dictionary<string, string> Valid() => ValidFor(_key, _uliastai);

    public static Dictionary<string, string> ValidFor(string key, string provider) => new()
    {
        ["api_key"] = key,
        ["service_code"] = "civil-registration",
        ["attribute[provider]"] = provider,
        ["attribute[score]"] = "2",
        ["lat"] = UliastaiLat,
        ["long"] = UliastaiLong,
        ["description"] = "Дараалал урт, 2 цаг хүлээлээ.",
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string format, IDictionary<string, string> fields, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}") { Content = new FormUrlEncodedContent(fields) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static async Task<IReadOnlyList<(int Code, string Description)>> ErrorsAsync(HttpResponseMessage response, string format)
    {
        if (format == "xml")
        {
            var xml = await Open311Schemas.XmlAsync(response, Open311Kind.Errors);
            return [.. xml.Root!.Elements("error").Select(e => ((int)e.Element("code")!, (string)e.Element("description")!))];
        }

        var json = await Open311Schemas.JsonAsync(response, Open311Kind.Errors);
        return [.. json.EnumerateArray().Select(e => (e.GetProperty("code").GetInt32(), e.GetProperty("description").GetString()!))];
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Discovery_NamesTheEndpoint_ItsFormats_AndHowToGetAKey(string format)
    {
        var response = await _client.GetAsync($"/open311/v2/discovery.{format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (format == "xml")
        {
            var endpoint = (await Open311Schemas.XmlAsync(response, Open311Kind.Discovery)).Root!.Element("endpoints")!.Element("endpoint")!;
            Assert.Equal("https://masam.test/open311/v2", (string?)endpoint.Element("url"));
            Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));
        }
        else
        {
            var discovery = await Open311Schemas.JsonAsync(response, Open311Kind.Discovery);
            var endpoint = discovery.GetProperty("endpoints")[0];
            Assert.Equal(Open311Endpoints.Specification, endpoint.GetProperty("specification").GetString());
            Assert.Equal("production", endpoint.GetProperty("type").GetString());
            Assert.Contains("administrator", discovery.GetProperty("key_service").GetString());
        }
    }

    [Fact]
    public async Task Services_AreTheLinesOfferedThere_NamedInTheRequestsLanguage_XmlAndJsonAlike()
    {
        var json = await Open311Schemas.JsonAsync(await _client.GetAsync("/open311/v2/services.json"), Open311Kind.Services);
        var codes = json.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()).ToList();
        Assert.Equal("general", codes[0]); // a provider as a whole, first
        Assert.Equal(["civil-registration", "social-insurance"], codes.Skip(1).Order()); // no provider offers any other line
        var civil = json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "civil-registration");
        Assert.Equal("Civil registration", civil.GetProperty("service_name").GetString());
        Assert.Equal("Public services", civil.GetProperty("group").GetString());
        Assert.True(civil.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", civil.GetProperty("type").GetString());

        var xml = await Open311Schemas.XmlAsync(await _client.GetAsync("/open311/v2/services.xml"), Open311Kind.Services);
        Assert.Equal(codes, xml.Root!.Elements("service").Select(s => (string?)s.Element("service_code")));

        var mongolian = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json");
        mongolian.Headers.AcceptLanguage.ParseAdd("mn");
        var names = await Open311Schemas.JsonAsync(await _client.SendAsync(mongolian), Open311Kind.Services);
        Assert.Contains(names.EnumerateArray(), s => s.GetProperty("service_name").GetString() == "Иргэний бүртгэл");
        var byLocale = await Open311Schemas.JsonAsync(await _client.GetAsync("/open311/v2/services.json?locale=mn_MN"), Open311Kind.Services);
        Assert.Contains(byLocale.EnumerateArray(), s => s.GetProperty("group").GetString() == "Төрийн үйлчилгээ");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task AJurisdiction_LimitsTheServices_AndAnUnknownOneIsNotFound(string format)
    {
        var capital = await _client.GetAsync($"/open311/v2/services.{format}?jurisdiction_id=511");
        IEnumerable<string?> codes = format == "xml"
            ? (await Open311Schemas.XmlAsync(capital, Open311Kind.Services)).Root!.Elements("service").Select(s => (string?)s.Element("service_code"))
            : (await Open311Schemas.JsonAsync(capital, Open311Kind.Services)).EnumerateArray().Select(s => s.GetProperty("service_code").GetString());
        Assert.Equal(["general", "civil-registration"], codes);

        foreach (var unknown in new[] { "999", "MN18101", "sfgov.org" })
        {
            var response = await _client.GetAsync($"/open311/v2/services.{format}?jurisdiction_id={unknown}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("jurisdiction_id", Assert.Single(await ErrorsAsync(response, format)).Description);
        }

        // Empty is the same as not given: "optional" in the standard's words.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/open311/v2/services.{format}?jurisdiction_id=")).StatusCode);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task AServiceDefinition_ListsTheProviders_TheScore_AndTheOptionalFacts(string format)
    {
        var response = await _client.GetAsync($"/open311/v2/services/civil-registration.{format}");
        List<(string Code, string Datatype, bool Required, int Order, List<string> Keys)> attributes;
        if (format == "xml")
        {
            var xml = await Open311Schemas.XmlAsync(response, Open311Kind.ServiceDefinition);
            attributes = [.. xml.Root!.Element("attributes")!.Elements("attribute").Select(a => ((string)a.Element("code")!, (string)a.Element("datatype")!,
                (bool)a.Element("required")!, (int)a.Element("order")!, a.Element("values")?.Elements("value").Select(v => (string)v.Element("key")!).ToList() ?? []))];
        }
        else
        {
            var json = await Open311Schemas.JsonAsync(response, Open311Kind.ServiceDefinition);
            Assert.Equal("civil-registration", json.GetProperty("service_code").GetString());
            attributes = [.. json.GetProperty("attributes").EnumerateArray().Select(a => (a.GetProperty("code").GetString()!, a.GetProperty("datatype").GetString()!,
                a.GetProperty("required").GetBoolean(), a.GetProperty("order").GetInt32(),
                a.TryGetProperty("values", out var values) ? values.EnumerateArray().Select(v => v.GetProperty("key").GetString()!).ToList() : []))];
        }

        Assert.Equal(["provider", "score", "gender", "age_band", "disability", "herder_household", "notify"], attributes.Select(a => a.Code));
        Assert.Equal(Enumerable.Range(1, 7), attributes.Select(a => a.Order));
        Assert.Equal([true, true, false, false, false, false, false], attributes.Select(a => a.Required));
        Assert.All(attributes, a => Assert.Equal("singlevaluelist", a.Datatype));
        Assert.Equal(new[] { _uliastai, _capital }.Order(), attributes[0].Keys.Order());
        Assert.Equal(["1", "2", "3", "4", "5"], attributes[1].Keys);
        Assert.Equal(WireEnum<AgeBand>.All, attributes[3].Keys);

        var missing = await _client.GetAsync($"/open311/v2/services/tax.{format}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("service_code", Assert.Single(await ErrorsAsync(missing, format)).Description);
    }

    [Fact]
    public async Task TooManyProvidersForAList_MakeTheProviderACodeToType()
    {
        using var factory = new MasamAppFactory(("Masam:Open311:ProviderListLimit", "1"));
        await factory.AddProviderAsync("MN18101", "oss-centre", "Нэг", "civil-registration");
        await factory.AddProviderAsync("MN18104", "oss-centre", "Хоёр", "civil-registration");

        var json = await Open311Schemas.JsonAsync(await factory.CreateClient().GetAsync("/open311/v2/services/civil-registration.json"), Open311Kind.ServiceDefinition);

        var provider = json.GetProperty("attributes")[0];
        Assert.Equal("string", provider.GetProperty("datatype").GetString());
        Assert.Contains("SMS", provider.GetProperty("datatype_description").GetString());
        Assert.False(provider.TryGetProperty("values", out _));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task APost_IsFeedbackThroughTheSameIntake_AnsweredWithItsNumber_AndTheTrackingCodeInTheNotice(string format)
    {
        var fields = Valid();
        fields["attribute[age_band]"] = "65-plus";
        fields["attribute[herder_household]"] = "true";
        fields["device_id"] = "android-1234"; // never stored

        var response = await PostAsync(_client, format, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (id, notice) = format == "xml"
            ? (await Open311Schemas.XmlAsync(response, Open311Kind.RequestCreated)).Root!.Element("request") is { } r
                ? ((string)r.Element("service_request_id")!, (string)r.Element("service_notice")!) : default
            : (await Open311Schemas.JsonAsync(response, Open311Kind.RequestCreated))[0] is var j
                ? (j.GetProperty("service_request_id").GetString()!, j.GetProperty("service_notice").GetString()!) : default;
        var stored = await StoredAsync(id);
        Assert.Equal(stored.Id.ToString(CultureInfo.InvariantCulture), id);
        // The code is the citizen's credential: the posting client gets it in the notice, to give to them, and nowhere else.
        Assert.Contains($"https://masam.test/track/{TrackingCodes.Format(stored.TrackingCode)}", notice);
        Assert.Contains(TrackingCodes.Format(stored.TrackingCode) + ":", notice);
        Assert.Contains(MongolianTime.DateOf(stored.DueAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), notice);
        Assert.Equal((_uliastaiId, "civil-registration", 2, FeedbackChannel.Web), (stored.ProviderId, stored.ServiceLineCode, stored.Score, stored.Channel));
        Assert.Equal("Дараалал урт, 2 цаг хүлээлээ.", stored.Comment);
        Assert.Equal((AgeBand.From65, true), (stored.AgeBand!.Value, stored.HerderHousehold!.Value));
        Assert.Null(stored.Contact); // anonymous by default
    }

    [Fact]
    public async Task ContactFields_GoToTheContactTable_AsTheWebFormsDo_AndNeverComeBack()
    {
        var fields = Valid();
        fields["email"] = "dorj@example.mn";
        fields["phone"] = "+976 9911 2233";
        fields["first_name"] = "Дорж";
        fields["last_name"] = "Бат";
        fields["attribute[notify]"] = "true";

        var id = await IdOfAsync(await PostAsync(_client, "json", fields));

        var contact = (await StoredAsync(id)).Contact!;
        Assert.Equal(("Дорж Бат", "99112233", "dorj@example.mn", true), (contact.Name, contact.Phone, contact.Email, contact.Notify));
        foreach (var url in new[] { $"/open311/v2/requests/{id}.json", $"/open311/v2/requests/{id}.xml", $"/open311/v2/requests.json?service_request_id={id}" })
        {
            var body = await (await _client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("dorj@", body);
            Assert.DoesNotContain("99112233", body);
            Assert.DoesNotContain("Дорж", body);
            Assert.DoesNotContain("Дараалал урт", body); // the comment is never public
        }
    }

    [Fact]
    public async Task ARequest_ShowsItsStatus_TheMaskedPublicAnswer_TheProvider_AndTheDeadline_NeverANote()
    {
        var id = await IdOfAsync(await PostAsync(_client, "json", Valid()));
        var item = await StoredAsync(id);

        var open = (await Open311Schemas.JsonAsync(await _client.GetAsync($"/open311/v2/requests/{id}.json"), Open311Kind.ServiceRequests)).EnumerateArray().Single();
        Assert.Equal("open", open.GetProperty("status").GetString());
        Assert.Equal("Received", open.GetProperty("status_notes").GetString());
        Assert.Equal("civil-registration", open.GetProperty("service_code").GetString());
        Assert.Equal("Test centre", open.GetProperty("agency_responsible").GetString());
        Assert.Equal(Open311Writer.W3(item.DueAt), open.GetProperty("expected_datetime").GetString());
        Assert.EndsWith("+08:00", open.GetProperty("requested_datetime").GetString());
        Assert.Equal("MN18101", open.GetProperty("address_id").GetString());
        Assert.Contains("Uliastai", open.GetProperty("address").GetString());
        Assert.InRange(open.GetProperty("lat").GetDouble(), 45, 50); // a point inside Zavkhan
        Assert.InRange(open.GetProperty("long").GetDouble(), 93, 99);

        var official = app.Official;
        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{item.Id}/responses", new { body = "Дотоод тэмдэглэл: ажилтан өвчтэй.", @public = false, version = item.Version })).EnsureSuccessStatusCode();
        var version = (await StoredAsync(id)).Version;
        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{item.Id}/responses", new { body = "Цонх нэмлээ. Асуух зүйл байвал 99887766 руу залгана уу.", @public = true, version })).EnsureSuccessStatusCode();

        var xml = await Open311Schemas.XmlAsync(await _client.GetAsync($"/open311/v2/requests/{id}.xml"), Open311Kind.ServiceRequests);
        var request = xml.Root!.Element("request")!;
        Assert.Equal("closed", (string?)request.Element("status"));
        Assert.Equal("Цонх нэмлээ. Асуух зүйл байвал [***] руу залгана уу.", (string?)request.Element("status_notes"));
        Assert.DoesNotContain("Дотоод", xml.ToString());

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/open311/v2/requests/K7QM-4XZP-R2TA.json")).StatusCode);
        var elsewhere = await _client.GetAsync($"/open311/v2/requests/{id}.xml?jurisdiction_id=511");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Contains("service_request_id", Assert.Single(await ErrorsAsync(elsewhere, "xml")).Description);
    }

    [Fact]
    public async Task AToken_IsTheRequestsId_ForClientsThatAskForOne()
    {
        var id = await IdOfAsync(await PostAsync(_client, "json", Valid()));

        var token = (await Open311Schemas.JsonAsync(await _client.GetAsync($"/open311/v2/tokens/{id}.json"), Open311Kind.Token))[0];
        Assert.Equal((id, id), (token.GetProperty("service_request_id").GetString(), token.GetProperty("token").GetString()));
        var xml = await Open311Schemas.XmlAsync(await _client.GetAsync($"/open311/v2/tokens/{id}.xml"), Open311Kind.Token);
        Assert.Equal(id, (string?)xml.Root!.Element("request")!.Element("service_request_id"));

        var unknown = await _client.GetAsync("/open311/v2/tokens/nothing.json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("token", Assert.Single(await ErrorsAsync(unknown, "json")).Description);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task AnIdempotencyKey_GivesARetryTheFirstId_AndRefusesADifferentRequest(string format)
    {
        var before = await _factory.CountFeedbackAsync();
        var first = await PostAsync(_client, format, Valid(), $"fms-report-77-{format}");
        var again = await PostAsync(_client, format, Valid(), $"fms-report-77-{format}");
        var other = Valid();
        other["attribute[score]"] = "5";
        var reused = await PostAsync(_client, format, other, $"fms-report-77-{format}");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("Idempotency-Key", Assert.Single(await ErrorsAsync(reused, format)).Description);
        Assert.Equal(before + 1, await _factory.CountFeedbackAsync());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task APost_NeedsAnActiveKey(string format)
    {
        var noKey = Valid();
        noKey.Remove("api_key");
        var wrong = Valid();
        wrong["api_key"] = "not-a-key";
        var before = await _factory.CountFeedbackAsync();
        var (oldId, revokedKey) = await IssueKeyAsync(_factory, $"An old app ({format})");
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Equal(ChangeResult.Done, (await scope.ServiceProvider.GetRequiredService<Open311Clients>().RevokeAsync(oldId, default)).Result);
        }

        var revoked = Valid();
        revoked["api_key"] = revokedKey;

        foreach (var fields in new[] { noKey, wrong, revoked })
        {
            var response = await PostAsync(_client, format, fields);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var error = Assert.Single(await ErrorsAsync(response, format));
            Assert.Equal(403, error.Code);
            Assert.Contains("api_key", error.Description);
        }

        Assert.Equal(before, await _factory.CountFeedbackAsync());
    }

    public static TheoryData<string, string, int, string> BadPosts()
    {
        var cases = new (string Case, int Status, string Field)[]
        {
            ("no service_code", 400, "service_code"),
            ("unknown service", 404, "service_code"),
            ("no location", 400, "lat"),
            ("outside Mongolia", 400, "lat"),
            ("lat without long", 400, "long"),
            ("not a number", 400, "lat"),
            ("another aimag", 400, "lat"),
            ("description too long", 400, "description"),
            ("description with HTML", 400, "description"),
            ("score not in its list", 400, "attribute[score]"),
            ("two scores", 400, "attribute[score]"),
            ("no score", 400, "attribute[score]"),
            ("unknown attribute", 400, "attribute[colour]"),
            ("no provider", 400, "attribute[provider]"),
            ("unknown provider", 400, "attribute[provider]"),
            ("bad e-mail", 400, "email"),
            ("bad phone", 400, "phone"),
            ("notify without contact", 400, "attribute[notify]"),
            ("unknown address_id", 400, "address_id"),
            ("address_id elsewhere", 400, "address_id"),
            ("unknown jurisdiction", 404, "jurisdiction_id"),
            ("provider outside the jurisdiction", 400, "attribute[provider]"),
        };
        return InBothFormats(cases);
    }

    /// <summary>Each case in XML and in JSON.</summary>
    private static TheoryData<string, string, int, string> InBothFormats(IEnumerable<(string Case, int Status, string Field)> cases)
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var format in new[] { "xml", "json" })
        {
            foreach (var (name, status, field) in cases) data.Add(format, name, status, field);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task BadInput_IsTheStandardsError_NamingTheField_AndNothingIsStored(string format, string name, int status, string field)
    {
        var before = await _factory.CountFeedbackAsync();
        var fields = Valid();
        switch (name)
        {
            case "no service_code": fields.Remove("service_code"); break;
            case "unknown service": fields["service_code"] = "potholes"; break;
            case "no location": fields.Remove("lat"); fields.Remove("long"); break;
            case "outside Mongolia": (fields["lat"], fields["long"]) = ("39.9042", "116.4074"); break;
            case "lat without long": fields.Remove("long"); break;
            case "not a number": fields["lat"] = "north"; break;
            case "another aimag": (fields["lat"], fields["long"]) = (CapitalLat, CapitalLong); break;
            case "description too long": fields["description"] = new string('ө', Open311Requests.DescriptionMaxLength + 1); break;
            case "description with HTML": fields["description"] = "Муу <script>alert(1)</script>"; break;
            case "score not in its list": fields["attribute[score]"] = "7"; break;
            case "two scores": fields.Remove("attribute[score]"); break;
            case "no score": fields.Remove("attribute[score]"); break;
            case "unknown attribute": fields["attribute[colour]"] = "red"; break;
            case "no provider": fields.Remove("attribute[provider]"); break;
            case "unknown provider": fields["attribute[provider]"] = "NOPE-1"; break;
            case "bad e-mail": fields["email"] = "not an address"; break;
            case "bad phone": fields["phone"] = "12"; break;
            case "notify without contact": fields["attribute[notify]"] = "true"; break;
            case "unknown address_id": fields.Remove("lat"); fields.Remove("long"); fields["address_id"] = "MN99999"; break;
            case "address_id elsewhere": fields.Remove("lat"); fields.Remove("long"); fields["address_id"] = "MN51110"; break;
            case "unknown jurisdiction": fields["jurisdiction_id"] = "999"; break;
            case "provider outside the jurisdiction": fields["jurisdiction_id"] = "511"; fields.Remove("lat"); fields.Remove("long"); fields["address_string"] = "Улиастай"; break;
        }

        HttpResponseMessage response;
        if (name == "two scores")
        {
            var pairs = fields.ToList();
            pairs.Add(new("attribute[score][]", "2"));
            pairs.Add(new("attribute[score][]", "3"));
            response = await _client.PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(pairs));
        }
        else
        {
            response = await PostAsync(_client, format, fields);
        }

        Assert.Equal(status, (int)response.StatusCode);
        var errors = await ErrorsAsync(response, format);
        Assert.Contains(errors, e => e.Description.StartsWith(field + ":", StringComparison.Ordinal));
        Assert.Equal(before, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task AnythingButAForm_AndAnUnknownFormat_AreRefusedClearly()
    {
        var before = await _factory.CountFeedbackAsync();
        var json = await _client.PostAsJsonAsync("/open311/v2/requests.json", Valid());
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("x-www-form-urlencoded", Assert.Single(await ErrorsAsync(json, "json")).Description);

        foreach (var url in new[] { "/open311/v2/services.html", "/open311/v2/requests.csv", "/open311/v2/services/general.yaml" })
        {
            var response = await _client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(".xml", Assert.Single(await ErrorsAsync(response, "xml")).Description);
        }

        var root = await _client.GetAsync("/open311/v2/");
        Assert.EndsWith("/open311/v2/discovery.xml", root.RequestMessage!.RequestUri!.AbsolutePath);
        await Open311Schemas.XmlAsync(root, Open311Kind.Discovery);

        var unknown = await _client.GetAsync("/open311/v2/potholes.json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("discovery", Assert.Single(await ErrorsAsync(unknown, "json")).Description);
        Assert.Equal(before, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task Errors_AreInTheRequestsLanguage()
    {
        var fields = Valid();
        fields.Remove("service_code");
        var request = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.AcceptLanguage.ParseAdd("mn");

        var error = Assert.Single(await ErrorsAsync(await _client.SendAsync(request), "json"));

        Assert.Equal("service_code: Заавал бөглөнө.", error.Description);
    }

    [Fact]
    public async Task AddressIdAndAddressString_AreLocationsToo_AndAGeneralServiceNeedsNoLine()
    {
        var byUnit = Valid();
        byUnit.Remove("lat");
        byUnit.Remove("long");
        byUnit["address_id"] = "181"; // the provider's aimag
        byUnit["service_code"] = "general";
        var byText = Valid();
        byText.Remove("lat");
        byText.Remove("long");
        byText["address_string"] = "Улиастай, Завхан";
        byText["jurisdiction_id"] = "181";

        var general = await IdOfAsync(await PostAsync(_client, "json", byUnit));
        var line = await IdOfAsync(await PostAsync(_client, "json", byText));

        Assert.Equal((null, "civil-registration"), ((await StoredAsync(general)).ServiceLineCode, (await StoredAsync(line)).ServiceLineCode));
        var listed = await Open311Schemas.JsonAsync(await _client.GetAsync($"/open311/v2/requests.json?api_key={_key}&service_code=general"), Open311Kind.ServiceRequests);
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == general);
        Assert.All(listed.EnumerateArray(), r => Assert.Equal("general", r.GetProperty("service_code").GetString()));
    }

    public static TheoryData<string, string, int, string> BadQueries()
    {
        var cases = new (string Query, int Status, string Field)[]
        {
            ("page_size=1001", 400, "page_size"),
            ("page=0", 400, "page"),
            ("page=2147483647&page_size=1000", 400, "page"),
            ("start_date=2026-01-01T00:00:00Z&end_date=2026-05-01T00:00:00Z", 400, "end_date"),
            ("start_date=2026-05-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", 400, "end_date"),
            ("start_date=yesterday", 400, "start_date"),
            ("start_date=2026-01-01T00:00:00", 400, "start_date"),
            ("status=pending", 400, "status"),
            ("service_code=potholes", 404, "service_code"),
            ("jurisdiction_id=000", 404, "jurisdiction_id"),
        };
        return InBothFormats(cases);
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task ABadQuery_IsTheStandardsError_NamingTheArgument(string format, string query, int status, string field)
    {
        var response = await _client.GetAsync($"/open311/v2/requests.{format}?api_key={_key}&{query}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(await ErrorsAsync(response, format), e => e.Description.StartsWith(field + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadId_IsNamed_AndTooManyIdsAreRefused()
    {
        var bad = await _client.GetAsync("/open311/v2/requests.json?service_request_id=K7QM-4XZP");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("K7QM-4XZP", Assert.Single(await ErrorsAsync(bad, "json")).Description);
        Assert.Empty((await Open311Schemas.JsonAsync(await _client.GetAsync("/open311/v2/requests.json?service_request_id=987654321"), Open311Kind.ServiceRequests)).EnumerateArray());

        var many = string.Join(',', Enumerable.Range(0, Open311Requests.MaxIds + 1).Select(_ => TrackingCodes.Format(TrackingCodes.New())));
        var tooMany = await _client.GetAsync($"/open311/v2/requests.xml?service_request_id={many}");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains(Open311Requests.MaxIds.ToString(CultureInfo.InvariantCulture), Assert.Single(await ErrorsAsync(tooMany, "xml")).Description);
    }

    [Fact]
    public async Task PostsAreLimitedPerKey_NotPerAddress()
    {
        using var factory = new MasamAppFactory(("Masam:Open311:RequestsPerMinutePerKey", "2"));
        var provider = await CodeOfAsync(factory, await factory.AddProviderAsync("MN18101", "oss-centre", "Нэг", "civil-registration"));
        var (first, second) = ((await IssueKeyAsync(factory, "First app")).Key, (await IssueKeyAsync(factory, "Second app")).Key);
        var client = factory.CreateClient();
        Dictionary<string, string> Fields(string key) => new()
        {
            ["api_key"] = key, ["service_code"] = "civil-registration", ["attribute[provider]"] = provider, ["attribute[score]"] = "4",
            ["lat"] = UliastaiLat, ["long"] = UliastaiLong,
        };

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "json", Fields(first))).StatusCode);
        var limited = await PostAsync(client, "xml", Fields(first));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(429, Assert.Single(await ErrorsAsync(limited, "xml")).Code);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "json", Fields(second))).StatusCode);
        Assert.Equal(3, await factory.CountFeedbackAsync());
    }
}
