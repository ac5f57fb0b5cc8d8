using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Figures;

/// <summary>
/// "Where to work next": the ranking follows the analyst's weights — on poverty alone NSO's highest
/// headcount (Govisümber, 51.9 % in 2018) comes first and the lowest (Ömnögovi, 11.8 %) last; on
/// satisfaction alone the aimag whose people are less satisfied comes first, and aimags without a
/// shown rate say the indicator is missing; bad weights are named.
/// </summary>
public sealed class TargetingTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime Received = MongolianTime.ToUtc(new DateTime(2026, 2, 10, 12, 0, 0));
    private readonly MasamAppFactory _factory = new();
    private HttpClient _analyst = null!;

    public async Task InitializeAsync()
    {
        await _factory.CreateStaffAsync("planner@masam.test", StaffRoles.MinistryAnalyst);
        _analyst = await _factory.ClientForAsync("planner@masam.test");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task AddAsync(int provider, int satisfied, int unsatisfied) =>
        _factory.AddResponsesAsync(provider, Received, TestFeedback.Scores(satisfied, unsatisfied));

    private async Task<List<JsonElement>> RankAsync(string query)
    {
        await _factory.CountFiguresAsync();
        return (await _analyst.GetFromJsonAsync<JsonElement>($"/api/v1/staff/targeting?period=2026-Q1&{query}")).GetProperty("areas").EnumerateArray().ToList();
    }

    [Fact]
    public async Task OnPovertyAlone_NsosHighestHeadcountComesFirst_AndTheLowestLast()
    {
        var areas = await RankAsync("poverty=1&satisfaction=0&responsiveness=0&coverage=0");

        // The 21 aimags and the capital's districts in its place; a district takes the capital's headcount (NSO has none by district).
        var districts = await _factory.WithDbAsync(db => db.AdminUnits.CountAsync(u => u.Kind == Masam.Web.Features.Geography.AdminUnitKind.District && u.ValidTo == null));
        Assert.True(districts >= 9, $"{districts} districts");
        Assert.Equal(21 + districts, areas.Count);
        Assert.Equal(21, areas.Count(a => a.GetProperty("kind").GetString() == "aimag"));
        Assert.All(areas.Where(a => a.GetProperty("kind").GetString() == "district"), d => Assert.Equal(25.9, d.GetProperty("povertyHeadcount").GetDouble()));
        Assert.Equal("342", areas[0].GetProperty("code").GetString());
        Assert.Equal(51.9, areas[0].GetProperty("povertyHeadcount").GetDouble());
        Assert.Equal(1, areas[0].GetProperty("need").GetDouble());
        Assert.Equal("346", areas[^1].GetProperty("code").GetString());
        Assert.Equal(0, areas[^1].GetProperty("need").GetDouble());
        Assert.All(areas, a => Assert.True(a.GetProperty("population").GetInt32() > 0));
    }

    [Fact]
    public async Task OnSatisfactionAlone_TheLessSatisfiedAimagComesFirst_AndChangingTheWeightsChangesTheRanking()
    {
        await AddAsync(await _factory.AddProviderAsync("MN18101"), satisfied: 18, unsatisfied: 2);   // Zavkhan: 90 %
        await AddAsync(await _factory.AddProviderAsync("MN18201"), satisfied: 6, unsatisfied: 14);   // Govi-Altai: 30 %

        var bySatisfaction = await RankAsync("poverty=0&satisfaction=1&responsiveness=0&coverage=0");

        Assert.Equal("182", bySatisfaction[0].GetProperty("code").GetString());
        Assert.Equal(1, bySatisfaction[0].GetProperty("need").GetDouble());
        var zavkhan = bySatisfaction.Single(a => a.GetProperty("code").GetString() == "181");
        Assert.Equal(0, zavkhan.GetProperty("need").GetDouble());
        Assert.Equal(0.9, zavkhan.GetProperty("satisfaction").GetDouble(), 6);
        var unmeasured = bySatisfaction.First(a => a.GetProperty("kind").GetString() == "district");
        Assert.Equal(["satisfaction"], unmeasured.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        // Poverty weighed in as well: Govi-Altai (45.1 %) stays above Zavkhan (25.7 %), and Govisümber, with no feedback, now leads.
        var both = await RankAsync("poverty=1&satisfaction=1&responsiveness=0&coverage=0");
        Assert.Equal("342", both[0].GetProperty("code").GetString());
        Assert.True(both.FindIndex(a => a.GetProperty("code").GetString() == "182") < both.FindIndex(a => a.GetProperty("code").GetString() == "181"));
    }

    [Fact]
    public async Task BadWeights_AndABadPeriod_AreNamed()
    {
        var problem = await (await _analyst.GetAsync("/api/v1/staff/targeting?period=2026-Q9&poverty=-1&coverage=101")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("period", out _));
        Assert.True(errors.TryGetProperty("poverty", out _));
        Assert.True(errors.TryGetProperty("coverage", out _));

        var zero = await (await _analyst.GetAsync("/api/v1/staff/targeting?period=2026-Q1&poverty=0&satisfaction=0&responsiveness=0&coverage=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(zero.GetProperty("errors").TryGetProperty("weights", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/v1/staff/targeting?period=2026-Q1")).StatusCode);
    }
}
