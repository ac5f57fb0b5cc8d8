using System.Net;
using System.Net.Http.Json;
using System.Text;
using Masam.Web.Features.Accounts;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Features.Feedback;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Providers;

public sealed class ProviderAdministrationTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        _admin = await _factory.ClientForAsync("admin@test.mn");
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private static object NewProvider(string code = "HOSP-181-01") => new
    {
        code,
        nameMn = "Завхан аймгийн Нэгдсэн эмнэлэг",
        nameEn = "Zavkhan General Hospital",
        type = "general-hospital",
        adminUnit = "MN18101",
        serviceLines = new[] { "inpatient-care" },
        registrationNumber = "1234567",
        addressMn = "Улиастай сум, 5-р баг",
    };

    [Fact]
    public async Task Create_AddsAProviderThatTakesFeedbackAtOnce_AndIsAudited()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/admin/providers", NewProvider());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.ReadJsonAsync();
        var id = view.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/providers/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("MN18101", view.GetProperty("adminUnit").GetString());
        Assert.True(view.GetProperty("isActive").GetBoolean());

        var search = await (await _factory.CreateClient().GetAsync("/api/v1/providers?q=zavkhan+general")).ReadJsonAsync();
        Assert.Equal(id, search.GetProperty("items")[0].GetProperty("id").GetInt32());

        var feedback = await _factory.CreateClient().SendAsync(FeedbackRequests.Submit(new { providerId = id, score = 4, serviceLine = "inpatient-care" }));
        Assert.Equal(HttpStatusCode.Created, feedback.StatusCode);

        var audit = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Provider").Select(e => new { e.Action, e.EntityId, e.ActorName }).ToListAsync());
        Assert.Equal(new { Action = "provider.create", EntityId = id.ToString(), ActorName = "admin@test.mn" }, Assert.Single(audit));
    }

    [Fact]
    public async Task Create_WithNothingFilledIn_NamesEveryMissingField_AndStoresNothing()
    {
        var before = await _factory.WithDbAsync(db => db.Providers.CountAsync());

        var problem = await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);

        foreach (var field in new[] { "code", "nameMn", "nameEn", "type", "adminUnit", "serviceLines" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }

        Assert.Equal(before, await _factory.WithDbAsync(db => db.Providers.CountAsync()));
    }

    [Theory]
    [InlineData("code", "Эмнэлэг 1", "code")]
    [InlineData("code", "-starts-with-dash", "code")]
    [InlineData("type", "space-station", "type")]
    [InlineData("adminUnit", "MN99999", "adminUnit")]
    [InlineData("registrationNumber", "12AB567", "registrationNumber")]
    [InlineData("registrationNumber", "123456", "registrationNumber")]
    [InlineData("smsCode", "УЛС01", "smsCode")]
    [InlineData("smsCode", "01ULI", "smsCode")]
    [InlineData("smsCode", "TOOLONG12345", "smsCode")]
    public async Task Create_RefusesABadValue_NamingTheField(string property, string value, string field)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(NewProvider())!.AsObject();
        body[property] = value;

        var problem = await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", body)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Providers.CountAsync(p => p.RegistrationNumber != null || p.Code == "HOSP-181-01")));
    }

    [Fact]
    public async Task SmsCodes_AreGivenFromTheSoumsName_SetByHand_AndNeverShared()
    {
        var first = await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", NewProvider("HOSP-A"))).ReadJsonAsync();
        var second = await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", NewProvider("HOSP-B"))).ReadJsonAsync();
        Assert.Equal("ULI01", first.GetProperty("smsCode").GetString()); // Uliastai
        Assert.Equal("ULI02", second.GetProperty("smsCode").GetString());

        var byHand = System.Text.Json.JsonSerializer.SerializeToNode(NewProvider("HOSP-C"))!.AsObject();
        byHand["smsCode"] = "zhosp1";
        var third = await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", byHand)).ReadJsonAsync();
        Assert.Equal("ZHOSP1", third.GetProperty("smsCode").GetString());

        var taken = System.Text.Json.JsonSerializer.SerializeToNode(NewProvider())!.AsObject();
        taken["smsCode"] = "ULI01";
        var problem = await (await _admin.PutAsJsonAsync($"/api/v1/admin/providers/{third.GetProperty("id").GetInt32()}", taken)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ULI01", Assert.Single(problem.FieldErrors("smsCode")));

        var listed = await (await _factory.CreateClient().GetAsync($"/api/v1/providers/{first.GetProperty("id").GetInt32()}")).ReadJsonAsync();
        Assert.Equal("ULI01", listed.GetProperty("smsCode").GetString());
    }

    [Fact]
    public async Task Create_RefusesAnUnknownServiceLine_AndATooLongAddress_AndATakenCode()
    {
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/v1/admin/providers", NewProvider())).StatusCode);
        var body = System.Text.Json.JsonSerializer.SerializeToNode(NewProvider())!.AsObject();
        body["serviceLines"] = new System.Text.Json.Nodes.JsonArray("inpatient-care", "teleportation");
        body["addressMn"] = new string('а', 513);

        var problem = await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", body)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("teleportation", Assert.Single(problem.FieldErrors("serviceLines")));
        Assert.NotEmpty(problem.FieldErrors("addressMn"));
        Assert.Contains("HOSP-181-01", Assert.Single(problem.FieldErrors("code")));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Providers.CountAsync(p => p.Code == "HOSP-181-01")));
    }

    [Fact]
    public async Task Create_RefusesMalformedJsonAndOtherContentTypes()
    {
        await (await _admin.PostAsync("/api/v1/admin/providers", new StringContent("{\"code\": ", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _admin.PostAsync("/api/v1/admin/providers", new StringContent("code=X", Encoding.UTF8, "application/x-www-form-urlencoded")))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Update_CorrectsTheDetails_ButNotTheCode()
    {
        var id = (await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", NewProvider())).ReadJsonAsync()).GetProperty("id").GetInt32();

        var updated = await (await _admin.PutAsJsonAsync($"/api/v1/admin/providers/{id}", new
        {
            nameMn = "Завхан аймгийн Бүсийн оношилгоо эмчилгээний төв", nameEn = "Zavkhan Regional Diagnostic Centre",
            type = "general-hospital", adminUnit = "181", serviceLines = new[] { "inpatient-care", "primary-care" },
        })).ReadJsonAsync();

        Assert.Equal("HOSP-181-01", updated.GetProperty("code").GetString());
        Assert.Equal("181", updated.GetProperty("adminUnit").GetString());
        Assert.Equal(["inpatient-care", "primary-care"], updated.GetProperty("serviceLines").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, updated.GetProperty("registrationNumber").ValueKind);
        var found = await (await _factory.CreateClient().GetAsync("/api/v1/providers?q=regional+diagnostic")).ReadJsonAsync();
        Assert.Equal(id, found.GetProperty("items")[0].GetProperty("id").GetInt32());

        var renamed = System.Text.Json.JsonSerializer.SerializeToNode(NewProvider("OTHER-CODE"))!.AsObject();
        var problem = await (await _admin.PutAsJsonAsync($"/api/v1/admin/providers/{id}", renamed)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("HOSP-181-01", Assert.Single(problem.FieldErrors("code")));

        await (await _admin.PutAsJsonAsync("/api/v1/admin/providers/999999", NewProvider())).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Move_ToAnotherAimag_TakesItsFeedbackToThatAimagsStaff_AtOnce()
    {
        var id = (await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", NewProvider())).ReadJsonAsync()).GetProperty("id").GetInt32();
        var citizen = _factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await citizen.SendAsync(FeedbackRequests.Submit(new { providerId = id, score = 2 + i }))).StatusCode);
        }

        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        await _factory.CreateStaffAsync("uliastai@test.mn", StaffRoles.LocalOfficial, units: ["MN18101"]);
        await _factory.CreateStaffAsync("aldarkhaan@test.mn", StaffRoles.LocalOfficial, units: ["MN18104"]);
        await _factory.CreateStaffAsync("ulaanbaatar@test.mn", StaffRoles.LocalOfficial, units: ["511"]);
        async Task<int> SeenBy(string email) => int.Parse(await (await _factory.ClientForAsync(email))
            .GetStringAsync($"/odata/Feedback/$count?$filter=ProviderId eq {id}"));

        Assert.Equal((2, 2, 0, 0), (await SeenBy("zavkhan@test.mn"), await SeenBy("uliastai@test.mn"), await SeenBy("aldarkhaan@test.mn"), await SeenBy("ulaanbaatar@test.mn")));

        var moved = System.Text.Json.JsonSerializer.SerializeToNode(NewProvider())!.AsObject();
        moved["adminUnit"] = "MN51110";
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/v1/admin/providers/{id}", moved)).StatusCode);

        Assert.Equal((0, 0, 0, 2), (await SeenBy("zavkhan@test.mn"), await SeenBy("uliastai@test.mn"), await SeenBy("aldarkhaan@test.mn"), await SeenBy("ulaanbaatar@test.mn")));
        Assert.Equal(["511"], await _factory.WithDbAsync(db => db.Feedback.Where(f => f.ProviderId == id).Select(f => f.AimagCode).Distinct().ToListAsync()));
        Assert.Equal(HttpStatusCode.Created, (await citizen.SendAsync(FeedbackRequests.Submit(new { providerId = id, score = 5 }))).StatusCode);
        Assert.Equal(3, await SeenBy("ulaanbaatar@test.mn"));
    }

    [Fact]
    public async Task Deactivate_StopsFeedbackAtOnce_KeepsTheHistory_AndActivateUndoesIt()
    {
        var id = (await (await _admin.PostAsJsonAsync("/api/v1/admin/providers", NewProvider())).ReadJsonAsync()).GetProperty("id").GetInt32();
        var citizen = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await citizen.SendAsync(FeedbackRequests.Submit(new { providerId = id, score = 2 }))).StatusCode);

        var off = await (await _admin.PostAsync($"/api/v1/admin/providers/{id}/deactivate", null)).ReadJsonAsync();

        Assert.False(off.GetProperty("isActive").GetBoolean());
        var refused = await (await citizen.SendAsync(FeedbackRequests.Submit(new { providerId = id, score = 2 }))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(refused.FieldErrors("providerId"));
        Assert.Equal(0, (await (await citizen.GetAsync("/api/v1/providers?q=zavkhan+general")).ReadJsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Feedback.CountAsync(f => f.ProviderId == id)));
        var listed = await (await _admin.GetAsync("/api/v1/admin/providers?q=HOSP-181&includeInactive=true")).ReadJsonAsync();
        Assert.False(listed.GetProperty("items")[0].GetProperty("isActive").GetBoolean());
        Assert.Equal(0, (await (await _admin.GetAsync("/api/v1/admin/providers?q=HOSP-181")).ReadJsonAsync()).GetProperty("total").GetInt32());

        await (await _admin.PostAsync($"/api/v1/admin/providers/{id}/activate", null)).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, (await citizen.SendAsync(FeedbackRequests.Submit(new { providerId = id, score = 3 }))).StatusCode);
        var actions = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Provider").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal(["provider.create", "provider.deactivate", "provider.activate"], actions);
        await (await _admin.PostAsync("/api/v1/admin/providers/999999/deactivate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_NamesAnUnknownAdminUnit()
    {
        var problem = await (await _admin.GetAsync("/api/v1/admin/providers?adminUnit=XX")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("adminUnit"));
    }

    [Fact]
    public async Task OnlyAdministratorsManageProviders()
    {
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var official = await _factory.ClientForAsync("zavkhan@test.mn");

        Assert.Equal(HttpStatusCode.Forbidden, (await official.PostAsJsonAsync("/api/v1/admin/providers", NewProvider())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().PostAsJsonAsync("/api/v1/admin/providers", NewProvider())).StatusCode);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Providers.CountAsync(p => p.Code == "HOSP-181-01")));
    }
}
