using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Visits;
using Masam.Web.Tests.Features.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Visits;

/// <summary>
/// A system reports visits with its key: batches stored whole or not at all, a visit sent again
/// left as it was, each bad visit named; numbers kept only while the survey may use them.
/// </summary>
public sealed class VisitReportingTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new(("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey));
    private HttpClient _admin = null!;
    private string _centre = "";
    private string _other = "";

    public async Task InitializeAsync()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        _admin = await _factory.ClientForAsync("admin@test.mn");
        _centre = await CodeOfAsync(await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ", "civil-registration", "tax"));
        _other = await CodeOfAsync(await _factory.AddProviderAsync("MN18101", "oss-centre", "Өөр төв"));
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private Task<string> CodeOfAsync(int id) => _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == id).Select(p => p.Code).SingleAsync());

    private async Task<string> IssueKeyAsync(string name, string? provider = null)
    {
        var issued = await (await _admin.PostAsJsonAsync("/api/v1/admin/visit-sources", new { name, provider })).ReadJsonAsync();
        return issued.GetProperty("key").GetString()!;
    }

    private HttpClient Reporter(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static string Ago(TimeSpan ago) => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Subtract(ago).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private Task<List<ServiceVisit>> VisitsAsync() => _factory.WithDbAsync(db => db.Set<ServiceVisit>().AsNoTracking().OrderBy(v => v.Id).ToListAsync());

    [Fact]
    public async Task ABatch_IsStored_AndSentAgain_ChangesNothing_AndNoNumberComesBack()
    {
        var system = Reporter(await IssueKeyAsync("Zavkhan OSS registry"));
        object[] visits =
        [
            new { visitId = "Z-1001", provider = _centre, serviceLine = "civil-registration", visitedAt = Ago(TimeSpan.FromHours(2)), phone = "+976 9911 2233", language = "en" },
            new { visitId = "Z-1002", provider = _centre, visitedAt = Ago(TimeSpan.FromHours(1)).Replace("+08:00", ""), phone = "8811-2233" },
            new { visitId = "Z-1003", provider = _centre, visitedAt = Ago(TimeSpan.FromMinutes(5)), doNotContact = true, phone = "99112233" },
        ];
        var response = await system.PostAsJsonAsync("/api/v1/visits", new { visits });
        var body = await response.Content.ReadAsStringAsync();
        var first = await response.ReadJsonAsync();
        Assert.Equal(3, first.GetProperty("received").GetInt32());
        Assert.Equal(0, first.GetProperty("alreadyReceived").GetArrayLength());
        Assert.DoesNotContain("99112233", body);

        var stored = await VisitsAsync();
        Assert.Equal(["99112233", "88112233", null], stored.Select(v => v.Phone));
        Assert.Equal(stored[0].PhoneHash, _factory.Services.GetRequiredService<Masam.Web.Features.Sms.PhoneHasher>().Hash("99112233"));
        Assert.Null(stored[2].PhoneHash); // "do not contact": neither the number nor its hash
        Assert.Equal([SurveyState.Waiting, SurveyState.Waiting, SurveyState.NotAsked], stored.Select(v => v.Survey));
        Assert.Equal(["en", "mn", "mn"], stored.Select(v => v.Language));
        Assert.Equal("civil-registration", stored[0].ServiceLineCode);
        // Without an offset, a time is Mongolian: 1 hour ago either way.
        Assert.InRange((DateTime.UtcNow - stored[1].VisitedAt).TotalMinutes, 59, 62);
        Assert.All(stored.Take(2), v => Assert.Equal(v.VisitedAt + TimeSpan.FromDays(7), v.PhoneKeptUntil));

        var again = await (await system.PostAsJsonAsync("/api/v1/visits", new { visits })).ReadJsonAsync();
        Assert.Equal(0, again.GetProperty("received").GetInt32());
        Assert.Equal(["Z-1001", "Z-1002", "Z-1003"], again.GetProperty("alreadyReceived").EnumerateArray().Select(v => v.GetProperty("visitId").GetString()));
        Assert.Equal(3, (await VisitsAsync()).Count);
    }

    [Fact]
    public async Task ABadBatch_IsRefusedWhole_NamingEachVisitsProblem()
    {
        var system = Reporter(await IssueKeyAsync("Zavkhan OSS registry"));
        object[] visits =
        [
            new { visitId = "ok-1", provider = _centre, visitedAt = Ago(TimeSpan.FromHours(1)), phone = "99112233" },
            new { visitId = "bad-1", provider = "NO-SUCH-CENTRE", visitedAt = Ago(TimeSpan.FromHours(1)), phone = "99112233" },
            new { visitId = "bad-2", provider = _centre, visitedAt = Ago(TimeSpan.FromHours(1)), phone = "12345" },
            new { visitId = "bad-3", provider = _centre, visitedAt = Ago(TimeSpan.FromHours(-2)), phone = "99112233" },
            new { visitId = "bad-4", provider = _centre, visitedAt = Ago(TimeSpan.FromDays(4)), phone = "99112233" },
            new { visitId = "bad-5", provider = _centre, visitedAt = "yesterday", phone = "99112233", language = "fr" },
            new { visitId = "bad-6", provider = _centre, visitedAt = Ago(TimeSpan.FromHours(1)), serviceLine = "land" },
            new { provider = _centre, visitedAt = Ago(TimeSpan.FromHours(1)), phone = "99112233" },
        ];
        var problem = await (await system.PostAsJsonAsync("/api/v1/visits", new { visits })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(
            ["visits[1].provider", "visits[2].phone", "visits[3].visitedAt", "visits[4].visitedAt", "visits[5].visitedAt", "visits[5].language",
                "visits[6].serviceLine", "visits[6].phone", "visits[7].visitId"],
            errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("NO-SUCH-CENTRE", errors.GetProperty("visits[1].provider")[0].GetString());
        Assert.Contains("72", errors.GetProperty("visits[4].visitedAt")[0].GetString());
        Assert.Empty(await VisitsAsync());

        await (await system.PostAsJsonAsync("/api/v1/visits", new { visits = Array.Empty<object>() })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await system.PostAsync("/api/v1/visits", new StringContent("{\"visits\": [", System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AKey_IsNeeded_AKeyForOneCentre_ReportsOnlyIt_AndARevokedKeyStops()
    {
        var body = new { visits = new object[] { new { visitId = "c-1", visitedAt = Ago(TimeSpan.FromHours(1)), phone = "99112233" } } };
        var anonymous = _factory.CreateClient();
        var refused = await (await anonymous.PostAsJsonAsync("/api/v1/visits", body)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", refused.GetProperty("detail").GetString());
        await (await Reporter("not-a-key").PostAsJsonAsync("/api/v1/visits", body)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var issued = await (await _admin.PostAsJsonAsync("/api/v1/admin/visit-sources", new { name = "Uliastai centre", provider = _centre })).ReadJsonAsync();
        var centre = Reporter(issued.GetProperty("key").GetString()!);
        Assert.Equal(_centre, issued.GetProperty("source").GetProperty("provider").GetString());
        Assert.Equal(1, (await (await centre.PostAsJsonAsync("/api/v1/visits", body)).ReadJsonAsync()).GetProperty("received").GetInt32());
        var elsewhere = new { visits = new object[] { new { visitId = "c-2", provider = _other, visitedAt = Ago(TimeSpan.FromHours(1)), phone = "99112233" } } };
        var problem = await (await centre.PostAsJsonAsync("/api/v1/visits", elsewhere)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("visits[0].provider", out _));
        Assert.Equal(_centre, await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == db.Set<ServiceVisit>().Single().ProviderId).Select(p => p.Code).SingleAsync()));

        await (await _admin.PostAsJsonAsync("/api/v1/admin/visit-sources", new { name = "Uliastai centre" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _admin.PostAsJsonAsync("/api/v1/admin/visit-sources", new { name = "Nowhere", provider = "NO-SUCH" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var id = issued.GetProperty("source").GetProperty("id").GetInt32();
        Assert.False((await (await _admin.PostAsync($"/api/v1/admin/visit-sources/{id}/revoke", null)).ReadJsonAsync()).GetProperty("active").GetBoolean());
        await (await centre.PostAsJsonAsync("/api/v1/visits", body)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(VisitSource)).Select(e => e.Action + e.After).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.DoesNotContain(issued.GetProperty("key").GetString()!, a));
    }

    [Fact]
    public async Task Numbers_GoWhenTheSurveyNoLongerNeedsThem_AndOnlyTheHashStays()
    {
        var system = Reporter(await IssueKeyAsync("Zavkhan OSS registry"));
        object[] visits =
        [
            new { visitId = "p-1", provider = _centre, visitedAt = Ago(TimeSpan.FromHours(1)), phone = "99112233" },
            new { visitId = "p-2", provider = _centre, visitedAt = Ago(TimeSpan.FromHours(1)), phone = "88112233" },
            new { visitId = "p-3", provider = _centre, visitedAt = Ago(TimeSpan.FromHours(1)), phone = "91112233" },
        ];
        await (await system.PostAsJsonAsync("/api/v1/visits", new { visits })).ReadJsonAsync();
        await _factory.WithDbAsync(db => db.Set<ServiceVisit>().Where(v => v.ExternalId == "p-1")
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.PhoneKeptUntil, DateTime.UtcNow.AddMinutes(-1))));
        await _factory.WithDbAsync(db => db.Set<ServiceVisit>().Where(v => v.ExternalId == "p-2")
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Survey, SurveyState.NotAsked)));

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<VisitPhonePurge>().ExecuteAsync(CancellationToken.None));
        }

        var stored = await VisitsAsync();
        Assert.Equal([null, null, "91112233"], stored.Select(v => v.Phone));
        Assert.All(stored, v => Assert.NotNull(v.PhoneHash));
        // Read from the database's own file or tables, not through the model: the number is nowhere in the visits' table.
        var raw = await _factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT COALESCE(\"Phone\", '') AS \"Value\" FROM \"ServiceVisits\"").ToListAsync());
        Assert.DoesNotContain("99112233", raw);
    }

    [Fact]
    public async Task WithoutSms_VisitsAreNotTaken_AndSaySo()
    {
        using var off = new MasamAppFactory();
        var response = await off.CreateClient().PostAsJsonAsync("/api/v1/visits", new { visits = Array.Empty<object>() });
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("PhoneHashKey", problem.GetProperty("detail").GetString());
    }
}
