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
/// Weighted satisfaction of an aimag: respondents of two Zavkhan soums weighted to the soums'
/// populations (post-stratification, since no respondent gave an age), checked by hand; the
/// effective n and design effect of those weights; suppression on the unweighted count; and bad input.
/// </summary>
public sealed class WeightedSatisfactionTests : IDisposable
{
    private static readonly DateTime Received = MongolianTime.ToUtc(new DateTime(2026, 2, 10, 12, 0, 0));
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task AddAsync(int provider, int satisfied, int unsatisfied, AgeBand? age = null) =>
        _factory.AddResponsesAsync(provider, Received, TestFeedback.Scores(satisfied, unsatisfied, low: 2), f => f.AgeBand = age);

    private async Task<HttpClient> AnalystAsync()
    {
        await _factory.CreateStaffAsync("analyst@masam.test", StaffRoles.MinistryAnalyst);
        return await _factory.ClientForAsync("analyst@masam.test");
    }

    [Fact]
    public async Task AnAimagsRate_IsWeightedToItsSoumsPopulations_BesideTheUnweightedRate()
    {
        var uliastai = await _factory.AddProviderAsync("MN18101");
        var small = await _factory.AddProviderAsync("MN18104");
        await AddAsync(uliastai, satisfied: 15, unsatisfied: 5);
        await AddAsync(small, satisfied: 5, unsatisfied: 15);
        var population = await _factory.WithDbAsync(db => db.AdminUnits.Where(u => u.Code == "MN18101" || u.Code == "MN18104").ToDictionaryAsync(u => u.Code, u => (double)u.Population!.Value));
        var (a, b) = (population["MN18101"], population["MN18104"]);

        await _factory.CountFiguresAsync();
        var figure = await (await AnalystAsync()).GetFromJsonAsync<JsonElement>("/api/v1/staff/figures/weighted-satisfaction?period=2026-Q1&adminUnit=181");

        Assert.Equal(40, figure.GetProperty("n").GetInt32());
        Assert.False(figure.GetProperty("suppressed").GetBoolean());
        Assert.Equal(0.5, figure.GetProperty("unweightedRate").GetDouble(), 9);
        // Each soum's respondents stand for its population: 0.75 of Uliastai's people, 0.25 of the other soum's.
        Assert.Equal((0.75 * a + 0.25 * b) / (a + b), figure.GetProperty("weightedRate").GetDouble(), 6);
        // Two groups of 20 with weights a/20 and b/20: Kish's n_eff = (a + b)² / (20 (a/20)² + 20 (b/20)²).
        var effective = (a + b) * (a + b) / (a * a / 20 + b * b / 20);
        Assert.Equal(Math.Round(effective, 1), figure.GetProperty("effectiveN").GetDouble(), 6);
        Assert.Equal(Math.Round(40 / effective, 3), figure.GetProperty("designEffect").GetDouble(), 6);
        var (lower, upper) = Masam.Web.Features.Figures.SatisfactionStatistics.WilsonInterval(figure.GetProperty("weightedRate").GetDouble(), figure.GetProperty("effectiveN").GetDouble());
        Assert.InRange(figure.GetProperty("weightedLower").GetDouble(), lower - 0.001, lower + 0.001);
        Assert.InRange(figure.GetProperty("weightedUpper").GetDouble(), upper - 0.001, upper + 0.001);
        var margins = figure.GetProperty("margins").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(["soum", "age"], margins);
        var diagnostics = figure.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Contains(diagnostics, d => d.StartsWith("age: respondents in category 'not-given'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.StartsWith("soum: no respondent in category", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BelowTheThreshold_TheRatesAreLeftOut_DecidedOnTheUnweightedCount()
    {
        var provider = await _factory.AddProviderAsync("MN18101");
        await AddAsync(provider, satisfied: 6, unsatisfied: 3, AgeBand.From25To34);

        await _factory.CountFiguresAsync();
        var figure = await (await AnalystAsync()).GetFromJsonAsync<JsonElement>("/api/v1/staff/figures/weighted-satisfaction?period=2026-Q1&adminUnit=MN18101");

        Assert.Equal(9, figure.GetProperty("n").GetInt32());
        Assert.True(figure.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, figure.GetProperty("weightedRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, figure.GetProperty("unweightedRate").ValueKind);
    }

    [Fact]
    public async Task BadInput_IsNamed_AndTheFigureIsForStaffOnly()
    {
        var analyst = await AnalystAsync();

        var problem = await (await analyst.GetAsync("/api/v1/staff/figures/weighted-satisfaction?period=2026-Q9&adminUnit=999")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("adminUnit", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/v1/staff/figures/weighted-satisfaction?period=2026-Q1")).StatusCode);
    }
}
