using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Scorecards;

public sealed class ScorecardCycleTests : IAsyncLifetime, IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _cso = null!;
    private int _provider;

    public async Task InitializeAsync()
    {
        _provider = await _factory.AddProviderAsync("MN26701", type: "soum-health-centre", nameMn: "Мөрөн сумын ЭМТ");
        await _factory.CreateStaffAsync("cso@test.mn", StaffRoles.CsoFacilitator, units: ["267"]);
        _cso = await _factory.ClientForAsync("cso@test.mn");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private async Task<JsonElement> CreateAsync() => await (await _cso.PostAsJsonAsync("/api/v1/staff/scorecards", new
    {
        providerId = _provider, periodStart = "2026-01-01", periodEnd = "2026-06-30", facilitatingGroup = "Хөвсгөлийн иргэний нийгмийн төв",
        indicators = new[] { "health-waiting-time", "health-medicines" },
    })).ReadJsonAsync();

    private async Task<JsonElement> PostAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _cso.PostAsJsonAsync(url, body);
        Assert.True(response.StatusCode == expected, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> PutAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _cso.PutAsJsonAsync(url, body);
        Assert.True(response.StatusCode == expected, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task AFacilitator_RunsACycle_AndTheResultsKeepEveryGroupsScoreBesideTheSelfScore()
    {
        var cycle = await CreateAsync();
        var id = cycle.GetProperty("cycleId").GetInt32();
        var indicators = cycle.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("indicatorId").GetInt32()).ToArray();
        Assert.Equal("Үзлэгт орох хүлээлгийн хугацаа", cycle.GetProperty("indicators")[0].GetProperty("nameMn").GetString());

        var v = 0;
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "input-tracking", version = v++ });
        var tracked = await PutAsync($"/api/v1/staff/scorecards/{id}/input-tracking", new
        {
            lines = new[] { new { item = "Эмч", entitled = "3", actual = "1", remark = (string?)"2 орон тоо сул" }, new { item = "Парацетамол", entitled = "500 хайрцаг", actual = "120 хайрцаг", remark = (string?)null } },
            version = v++,
        });
        Assert.Equal("2 орон тоо сул", tracked.GetProperty("inputTracking")[0].GetProperty("remark").GetString());
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "community-scoring", version = v++ });
        var withCustom = await PostAsync($"/api/v1/staff/scorecards/{id}/indicators", new { custom = new[] { new { nameMn = "Түргэн тусламжийн машин", nameEn = "Ambulance" } }, version = v++ });
        var all = withCustom.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("indicatorId").GetInt32()).ToArray();
        Assert.Equal(3, all.Length);
        var groups = await PostAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "women", participants = 12, female = 12, youth = 3, version = v++ });
        groups = await PostAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "herders", participants = 9, female = 4, version = v++ });
        var women = groups.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("type").GetString() == "women").GetProperty("id").GetInt32();
        var herders = groups.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("type").GetString() == "herders").GetProperty("id").GetInt32();

        await PutAsync($"/api/v1/staff/scorecards/{id}/groups/{women}/scores", new { rows = all.Select((ind, i) => new { indicatorId = ind, score = 2 + i, reason = "Учир" }), version = v++ });
        await PutAsync($"/api/v1/staff/scorecards/{id}/groups/{herders}/scores", new { rows = all.Select(ind => new { indicatorId = ind, score = 1, suggestion = "Явуулын үзлэг" }), version = v++ });
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "provider-self-assessment", version = v++ });
        await PutAsync($"/api/v1/staff/scorecards/{id}/self-scores", new { rows = all.Select(ind => new { indicatorId = ind, score = 4 }), version = v++ });
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "interface-meeting", version = v++ });
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "action-plan-agreed", version = v }, HttpStatusCode.Conflict);
        await PutAsync($"/api/v1/staff/scorecards/{id}/interface-meeting", new { heldOn = "2026-05-20", attendance = 34, notes = "Эм хангамжийг сайжруулахаар тохиров." , version = v++ });
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "action-plan-agreed", version = v++ });
        var planned = await PostAsync($"/api/v1/staff/scorecards/{id}/action-plan", new
        {
            items = new[] { new { title = "Эмийн захиалгыг улирал бүр хийх", dueOn = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd"), costMnt = 4_000_000, fundingSource = "Эрүүл мэндийн даатгалын сан" } },
            version = v++,
        });
        var planItem = Assert.Single(planned.GetProperty("actionPlan").EnumerateArray());
        var actionId = planItem.GetProperty("actionId").GetInt32();
        var action = await _cso.GetFromJsonAsync<JsonElement>($"/api/v1/staff/actions/{actionId}");
        Assert.Equal(_provider, action.GetProperty("responsible").GetProperty("providerId").GetInt32());
        foreach (var stage in new[] { "follow-up", "completed" })
        {
            await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage, version = v++ });
        }

        var results = await _cso.GetFromJsonAsync<JsonElement>($"/api/v1/staff/scorecards/{id}");
        Assert.Equal("completed", results.GetProperty("stage").GetString());
        var first = results.GetProperty("indicators")[0];
        Assert.Equal([2, 1], first.GetProperty("groupScores").EnumerateArray().Select(s => s.GetProperty("score").GetInt32()).Order().Reverse());
        Assert.Equal(1.5m, first.GetProperty("communityScore").GetDecimal());
        Assert.Equal(4, first.GetProperty("selfScore").GetInt32());
        Assert.Equal(2.5m, first.GetProperty("gap").GetDecimal());
        Assert.Equal(12, results.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetInt32() == women).GetProperty("female").GetInt32());

        var locked = await PostAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "youth", participants = 5, version = v }, HttpStatusCode.Conflict);
        Assert.Contains("locked", locked.GetProperty("detail").GetString());
        Assert.Equal(7, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "ScorecardCycle" && e.Action == "scorecard.stage")));

        var noReason = await PostAsync($"/api/v1/staff/scorecards/{id}/corrections", new { groupId = herders, indicatorId = all[0], score = 2, version = v }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(noReason.FieldErrors("reason"));
        var corrected = await PostAsync($"/api/v1/staff/scorecards/{id}/corrections",
            new { groupId = herders, indicatorId = all[0], score = 2, reason = "Цаасан хуудаснаас буруу хуулсан", version = v++ });
        Assert.Equal(2m, corrected.GetProperty("indicators")[0].GetProperty("communityScore").GetDecimal());
        var correction = await _factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "scorecard.correction"));
        Assert.Contains("Цаасан хуудаснаас буруу хуулсан", correction.After);
    }

    [Fact]
    public async Task AnActionPlanWithABadItem_StoresNoItem()
    {
        var id = (await CreateAsync()).GetProperty("cycleId").GetInt32();
        await _factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, Masam.Web.Features.Scorecards.ScorecardStage.ActionPlanAgreed)));

        var problem = await PostAsync($"/api/v1/staff/scorecards/{id}/action-plan", new
        {
            items = new object[]
            {
                new { title = "Сайн мөр", dueOn = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") },
                new { title = "", dueOn = "2020-01-01" },
            },
            version = 0,
        }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("items[1].title"));
        Assert.NotEmpty(problem.FieldErrors("items[1].dueOn"));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ResponseActions.CountAsync()));
    }

    [Fact]
    public async Task ASkippedStage_IsRefused()
    {
        var id = (await CreateAsync()).GetProperty("cycleId").GetInt32();

        var problem = await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "community-scoring", version = 0 }, HttpStatusCode.Conflict);

        Assert.Contains("input-tracking", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ScoringCannotEnd_UntilEveryGroupScoredEveryIndicator()
    {
        var cycle = await CreateAsync();
        var id = cycle.GetProperty("cycleId").GetInt32();
        var indicator = cycle.GetProperty("indicators")[0].GetProperty("indicatorId").GetInt32();
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "input-tracking", version = 0 });
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "community-scoring", version = 1 });
        var groups = await PostAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "elderly", participants = 7, version = 2 });
        var group = groups.GetProperty("groups")[0].GetProperty("id").GetInt32();
        await PutAsync($"/api/v1/staff/scorecards/{id}/groups/{group}/scores", new { rows = new[] { new { indicatorId = indicator, score = 3 } }, version = 3 });

        var problem = await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "provider-self-assessment", version = 4 }, HttpStatusCode.Conflict);

        Assert.Contains("elderly", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ASheetWithOneBadRow_StoresNoRow_AndNamesEachBadRow()
    {
        var cycle = await CreateAsync();
        var id = cycle.GetProperty("cycleId").GetInt32();
        var indicator = cycle.GetProperty("indicators")[0].GetProperty("indicatorId").GetInt32();
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "input-tracking", version = 0 });
        await PostAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "community-scoring", version = 1 });
        var group = (await PostAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "men", participants = 6, version = 2 })).GetProperty("groups")[0].GetProperty("id").GetInt32();

        var problem = await PutAsync($"/api/v1/staff/scorecards/{id}/groups/{group}/scores", new
        {
            rows = new object[] { new { indicatorId = indicator, score = 4 }, new { indicatorId = 999999, score = 3 }, new { indicatorId = indicator, score = 6 } },
            version = 3,
        }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("rows[1].indicatorId"));
        Assert.NotEmpty(problem.FieldErrors("rows[2].score"));
        Assert.NotEmpty(problem.FieldErrors("rows[2].indicatorId"));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.GroupScores.CountAsync()));
    }

    [Fact]
    public async Task TheSameGroupTwice_IsRefused()
    {
        var id = (await CreateAsync()).GetProperty("cycleId").GetInt32();
        await PostAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "youth", participants = 8, version = 0 });

        var problem = await PostAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "youth", participants = 4, version = 1 }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("type"));
        var other = await PostAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "other", otherName = "Сүрьеэгийн өвчтөнүүд", participants = 5, version = 1 });
        Assert.Equal(2, other.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task AnotherJurisdictionsProvider_CannotGetACycle_AndItsCyclesAreNotFound()
    {
        var zavkhan = await _factory.AddProviderAsync("MN18101");
        var response = await _cso.PostAsJsonAsync("/api/v1/staff/scorecards", new { providerId = zavkhan, periodStart = "2026-01-01", periodEnd = "2026-06-30", facilitatingGroup = "ТББ" });
        Assert.NotEmpty((await response.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("providerId"));

        var id = (await CreateAsync()).GetProperty("cycleId").GetInt32();
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var official = await _factory.ClientForAsync("zavkhan@test.mn");
        Assert.Equal(HttpStatusCode.NotFound, (await official.GetAsync($"/api/v1/staff/scorecards/{id}")).StatusCode);
    }

    [Fact]
    public async Task TheIndicatorLibrary_IsPublic_InBothLanguages()
    {
        var library = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/scorecard-indicators");

        Assert.True(library.GetArrayLength() >= 20);
        Assert.All(library.EnumerateArray(), i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("nameMn").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("nameEn").GetString()));
        });
        Assert.Equal(3, library.EnumerateArray().Select(i => i.GetProperty("sectorCode").GetString()).Distinct().Count());
    }
}
