using Masam.Web.Tests.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Figures;

public sealed class SatisfactionApiTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task AddAsync(int provider, DateTime received, Gender? gender, params int[] scores) =>
        _factory.AddResponsesAsync(provider, received, scores, f => f.Gender = gender);

    private async Task CountAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedbackAggregation>().FullAsync(default);
    }

    [Fact]
    public async Task Figures_MatchHandComputation_ForAnAimagAndPeriod_AndComeFromTheStoredCounts()
    {
        var uliastai = await _factory.AddProviderAsync("MN18101");
        var murun = await _factory.AddProviderAsync("MN26701");
        var march = new DateTime(2026, 3, 10, 4, 0, 0, DateTimeKind.Utc);
        await AddAsync(uliastai, march, Gender.Female, 5, 5, 4, 4, 4, 4, 3, 2, 1, 5); // 10 responses: 7 satisfied, mean 3.7
        await AddAsync(murun, march, Gender.Female, [.. Enumerable.Repeat(1, 12)]);      // another aimag: not counted for 181
        await CountAsync();
        await AddAsync(uliastai, march, Gender.Male, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);      // after the count: not in the figures yet

        var figures = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181");

        var cell = Assert.Single(figures.GetProperty("cells").EnumerateArray());
        Assert.Equal(10, cell.GetProperty("n").GetInt32());
        Assert.Equal(3.7, cell.GetProperty("mean").GetDouble(), 10);
        Assert.Equal(0.7, cell.GetProperty("rate").GetDouble(), 10);
        var (lower, upper) = SatisfactionStatistics.WilsonInterval(7, 10);
        Assert.Equal(lower, cell.GetProperty("rateLower").GetDouble(), 10);
        Assert.Equal(upper, cell.GetProperty("rateUpper").GetDouble(), 10);
        Assert.Equal(0.396778, lower, 6); // Wilson 95 % for 7 of 10, computed independently
        Assert.Equal("shown", cell.GetProperty("disclosure").GetString());
        Assert.Equal("2025-Q4", figures.GetProperty("previousPeriod").GetString());
    }

    [Fact]
    public async Task SmallCells_AreSuppressed_WithTheirComplement_AndSayWhy()
    {
        var provider = await _factory.AddProviderAsync("MN18101");
        var march = new DateTime(2026, 3, 10, 4, 0, 0, DateTimeKind.Utc);
        await AddAsync(provider, march, Gender.Female, [.. Enumerable.Repeat(4, 30)]);
        await AddAsync(provider, march, Gender.Male, [.. Enumerable.Repeat(2, 12)]);
        await AddAsync(provider, march, Gender.Other, 5, 5, 5);
        await CountAsync();

        var figures = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181&dimension=gender");

        var cells = figures.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!);
        Assert.Equal("shown", cells["female"].GetProperty("disclosure").GetString());
        Assert.Equal("complementary", cells["male"].GetProperty("disclosure").GetString());
        Assert.Equal("small-cell", cells["other"].GetProperty("disclosure").GetString());
        Assert.Equal(JsonValueKind.Null, cells["other"].GetProperty("n").ValueKind);
        Assert.Equal(JsonValueKind.Null, cells["male"].GetProperty("rate").ValueKind);
    }

    [Fact]
    public async Task TheChangeAgainstThePreviousPeriod_AndItsSignificance_AreGiven()
    {
        var provider = await _factory.AddProviderAsync("MN18101");
        await AddAsync(provider, new DateTime(2026, 2, 10, 4, 0, 0, DateTimeKind.Utc), null, [.. Enumerable.Repeat(2, 40), .. Enumerable.Repeat(4, 10)]);
        await AddAsync(provider, new DateTime(2026, 5, 10, 4, 0, 0, DateTimeKind.Utc), null, [.. Enumerable.Repeat(2, 10), .. Enumerable.Repeat(5, 40)]);
        await CountAsync();

        var cell = (await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q2&provider=" + provider))
            .GetProperty("cells")[0];

        Assert.Equal(0.6, cell.GetProperty("changeFromPrevious").GetDouble(), 10);
        Assert.True(cell.GetProperty("significantChange").GetBoolean());
    }

    [Fact]
    public async Task ABreakdownByProviderOrUnit_SuppressesASecondCell_SoThatTheTotalCannotGiveAwayASmallOne()
    {
        int[] providers = [await _factory.AddProviderAsync("MN18101"), await _factory.AddProviderAsync("MN18101"), await _factory.AddProviderAsync("MN18101")];
        var murun = await _factory.AddProviderAsync("MN26701");
        var march = new DateTime(2026, 3, 10, 4, 0, 0, DateTimeKind.Utc);
        await AddAsync(providers[0], march, null, [.. Enumerable.Repeat(4, 30)]);
        await AddAsync(providers[1], march, null, 5, 5, 5, 5, 5);
        await AddAsync(providers[2], march, null, [.. Enumerable.Repeat(3, 12)]);
        await AddAsync(murun, march, null, [.. Enumerable.Repeat(2, 25)]);
        await CountAsync();
        var client = _factory.CreateClient();

        var byProvider = (await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181&by=provider"))
            .GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("disclosure").GetString());
        Assert.Equal("shown", byProvider[providers[0].ToString()]);
        Assert.Equal("small-cell", byProvider[providers[1].ToString()]);
        Assert.Equal("complementary", byProvider[providers[2].ToString()]); // the smallest cell still shown goes with it
        var total = (await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181")).GetProperty("cells")[0];
        Assert.Equal(47, total.GetProperty("n").GetInt32());

        var byAimag = (await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&by=admin-unit"))
            .GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("n").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["181"] = 47, ["267"] = 25 }, byAimag);
        var bySoum = (await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181&by=admin-unit"))
            .GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
        Assert.Equal(["MN18101"], bySoum);
    }

    [Fact]
    public void TheTwoProportionTest_SeparatesARealChangeFromNoise()
    {
        Assert.True(SatisfactionStatistics.TwoProportionSignificant(0.8, 100, 0.6, 100));
        Assert.False(SatisfactionStatistics.TwoProportionSignificant(0.65, 20, 0.6, 20));
    }
}

/// <summary>Filters the figures refuse, named: the tests only read (or add a provider of their own), so they share one app.</summary>
public sealed class SatisfactionApiFilterTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly MasamAppFactory _factory = app.Factory;

    [Theory]
    [InlineData("period=2025&by=shoe-size", "by")]
    [InlineData("period=2025&by=provider&dimension=gender", "dimension")]
    [InlineData("period=2025&adminUnit=MN18101&by=admin-unit", "by")]
    [InlineData("period=2025&provider=999999", "provider")]
    [InlineData("period=2026-13", "period")]
    [InlineData("period=last-year", "period")]
    [InlineData("period=2025&dimension=shoe-size", "dimension")]
    [InlineData("period=2025&adminUnit=MN00000", "adminUnit")]
    [InlineData("period=2025&serviceLine=tax&dimension=gender", "serviceLine")]
    [InlineData("period=2025&serviceLine=no-such-line", "serviceLine")]
    [InlineData("period=2025&sector=no-such-sector", "sector")]
    [InlineData("period=2025-03", "period")]                    // months are not published: too few responses to protect
    [InlineData("period=2099-Q1", "period")]                    // not ended: a figure growing response by response gives each away
    [InlineData("period=2025&sector=health&dimension=gender", "dimension")]
    [InlineData("period=2025&serviceLine=tax&by=provider", "serviceLine")]
    public async Task BadFilters_AreNamed(string query, string field)
    {
        var problem = await (await _factory.CreateClient().GetAsync($"/api/v1/satisfaction?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Theory]
    [InlineData("dimension=gender", "dimension")]
    [InlineData("by=admin-unit", "by")]
    [InlineData("serviceLine=tax", "serviceLine")]
    public async Task AProvidersFigures_AreItsTotalOnly(string query, string field)
    {
        var provider = await _factory.AddProviderAsync("MN18101");

        var problem = await (await _factory.CreateClient().GetAsync($"/api/v1/satisfaction?period=2025&provider={provider}&{query}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
    }
}
