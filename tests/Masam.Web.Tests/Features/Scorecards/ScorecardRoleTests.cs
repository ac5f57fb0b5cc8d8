using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Scorecards;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Scorecards;

/// <summary>
/// The community's side of a cycle belongs to its facilitators: the provider's manager enters the
/// self-assessment and records the interface meeting, nothing else. Every change is audited with
/// the scores it changed.
/// </summary>
public sealed class ScorecardRoleTests : IAsyncLifetime, IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _cso = null!;
    private HttpClient _manager = null!;
    private int _provider;

    public async Task InitializeAsync()
    {
        _provider = await _factory.AddProviderAsync("MN18101", nameMn: "Улиастай хотын ТҮЦ");
        await _factory.CreateStaffAsync("cso@test.mn", StaffRoles.CsoFacilitator, units: ["181"]);
        await _factory.CreateStaffAsync("manager@test.mn", StaffRoles.ProviderManager, providers: [_provider]);
        _cso = await _factory.ClientForAsync("cso@test.mn");
        _manager = await _factory.ClientForAsync("manager@test.mn");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private static object NewCycle(int provider) => new
    {
        providerId = provider, periodStart = "2026-01-01", periodEnd = "2026-06-30", facilitatingGroup = "Завханы иргэний нийгмийн төв",
        indicators = new[] { "oss-waiting-time", "oss-staff-attitude" },
    };

    /// <summary>A cycle the facilitator made, with one focus group, moved straight to the given stage.</summary>
    private async Task<(int Cycle, int Group, int[] Indicators)> CycleAtAsync(ScorecardStage stage)
    {
        var created = await (await _cso.PostAsJsonAsync("/api/v1/staff/scorecards", NewCycle(_provider))).ReadJsonAsync();
        var id = created.GetProperty("cycleId").GetInt32();
        var indicators = created.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("indicatorId").GetInt32()).ToArray();
        var groups = await (await _cso.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "women", participants = 10, female = 10, version = 0 })).ReadJsonAsync();
        await _factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, stage)));
        return (id, groups.GetProperty("groups")[0].GetProperty("id").GetInt32(), indicators);
    }

    private static async Task<int> VersionAsync(HttpClient client, int cycle) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/staff/scorecards/{cycle}")).GetProperty("version").GetInt32();

    [Fact]
    public async Task TheProvidersManager_CannotStartACycleForTheirProvider()
    {
        var response = await _manager.PostAsJsonAsync("/api/v1/staff/scorecards", NewCycle(_provider));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        // Told what the role may do on a scorecard, not something about reports.
        Assert.Contains("self-assessment", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("report", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ScorecardCycles.CountAsync()));
    }

    [Fact]
    public async Task TheProvidersManager_CannotAddGroupsOrEnterTheirScores()
    {
        var (cycle, group, indicators) = await CycleAtAsync(ScorecardStage.CommunityScoring);
        var version = await VersionAsync(_manager, cycle);

        var addGroup = await _manager.PostAsJsonAsync($"/api/v1/staff/scorecards/{cycle}/groups", new { type = "men", participants = 8, version });
        var scores = await _manager.PutAsJsonAsync($"/api/v1/staff/scorecards/{cycle}/groups/{group}/scores",
            new { rows = indicators.Select(i => new { indicatorId = i, score = 5 }), version });
        var advance = await _manager.PostAsJsonAsync($"/api/v1/staff/scorecards/{cycle}/stage", new { stage = "provider-self-assessment", version });

        foreach (var refused in new[] { addGroup, scores, advance })
        {
            Assert.Contains("community side", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        }

        Assert.Equal(0, await _factory.WithDbAsync(db => db.GroupScores.CountAsync()));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.FocusGroups.CountAsync()));
    }

    [Fact]
    public async Task TheProvidersManager_EntersTheSelfAssessment_AndTheMeeting_ButNotTheActionPlan()
    {
        var (cycle, _, indicators) = await CycleAtAsync(ScorecardStage.ProviderSelfAssessment);
        var version = await VersionAsync(_manager, cycle);

        var self = await _manager.PutAsJsonAsync($"/api/v1/staff/scorecards/{cycle}/self-scores",
            new { rows = indicators.Select(i => new { indicatorId = i, score = 4 }), version });
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        await _factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == cycle).ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, ScorecardStage.InterfaceMeeting)));
        var meeting = await _manager.PutAsJsonAsync($"/api/v1/staff/scorecards/{cycle}/interface-meeting",
            new { heldOn = "2026-05-20", attendance = 30, version = version + 1 });
        Assert.Equal(HttpStatusCode.OK, meeting.StatusCode);
        await _factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == cycle).ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, ScorecardStage.ActionPlanAgreed)));

        var plan = await _manager.PostAsJsonAsync($"/api/v1/staff/scorecards/{cycle}/action-plan", new
        {
            items = new[] { new { title = "Дараалал багасгах", dueOn = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") } },
            version = version + 2,
        });

        await plan.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.Set<SelfScore>().CountAsync()));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ResponseActions.CountAsync()));
    }

    [Fact]
    public async Task TheProvidersManager_CannotImportGroupScores()
    {
        var (cycle, _, _) = await CycleAtAsync(ScorecardStage.CommunityScoring);
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(SampleExports.Odk(SampleExports.Standard)), "file", "scores.zip" },
            { new StringContent("odk"), "format" },
        };

        var response = await _manager.PostAsync($"/api/v1/staff/scorecards/{cycle}/imports", content);

        Assert.Contains("community side", (await response.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.GroupScores.CountAsync()));
    }

    [Fact]
    public async Task TheAuditLog_KeepsTheScoresASheetAndACorrectionChanged()
    {
        var (cycle, group, indicators) = await CycleAtAsync(ScorecardStage.CommunityScoring);
        var version = await VersionAsync(_cso, cycle);
        var sheet = await _cso.PutAsJsonAsync($"/api/v1/staff/scorecards/{cycle}/groups/{group}/scores",
            new { rows = indicators.Select(i => new { indicatorId = i, score = 2 }), version });
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        await _factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == cycle).ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, ScorecardStage.Completed)));

        var corrected = await _cso.PostAsJsonAsync($"/api/v1/staff/scorecards/{cycle}/corrections",
            new { groupId = group, indicatorId = indicators[0], score = 4, reason = "Хуудаснаас буруу хуулсан", version = version + 1 });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var entries = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "ScorecardCycle").OrderBy(e => e.Id).ToListAsync());
        int? Score(string? json, string path)
        {
            var root = JsonDocument.Parse(json!).RootElement;
            if (root.TryGetProperty(path, out var inner)) root = inner;
            var scores = root.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetInt32() == group).GetProperty("scores");
            return scores.TryGetProperty(indicators[0].ToString(), out var score) ? score.GetInt32() : null;
        }

        var scoring = entries.Single(e => e.Action == "scorecard.scores");
        Assert.Null(Score(scoring.Before, "after"));
        Assert.Equal(2, Score(scoring.After, "after"));
        var correction = entries.Single(e => e.Action == "scorecard.correction");
        Assert.Equal(2, Score(correction.Before, "after"));
        Assert.Equal(4, Score(correction.After, "after"));
    }
}
