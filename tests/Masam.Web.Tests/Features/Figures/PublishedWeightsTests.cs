using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Figures.Weighting;
using Masam.Web.Features.Publications;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Figures;

/// <summary>
/// The published weighted rates: computed from the shown figures alone, so that two sets of
/// responses that differ only inside hidden cells publish the same weighted rates (while the staff's
/// exact figure, on every response, tells them apart); checked by hand for an aimag and computed
/// again from the shown figures for the nation; and carried the same by the API, the feed and a
/// publication's model, for the shown totals of the nation and aimags only.
/// </summary>
public sealed class PublishedWeightsTests : IDisposable
{
    private static readonly DateTime Received = MongolianTime.ToUtc(new DateTime(2026, 2, 10, 12, 0, 0));
    private readonly List<MasamAppFactory> _factories = [];

    public void Dispose() => _factories.ForEach(f => f.Dispose());

    /// <summary>
    /// Uliastai: 25-34 (15 of 20 satisfied) and 35-44 (8 of 20) shown; two small age bands that
    /// together hold 7 responses, 3 satisfied, split one way or the other. Another Zavkhan soum: 25-34
    /// (5 of 15) and 35-44 (10 of 12).
    /// </summary>
    private async Task<MasamAppFactory> AppAsync(bool swapped)
    {
        var factory = new MasamAppFactory();
        _factories.Add(factory);
        var uliastai = await factory.AddProviderAsync("MN18101");
        var other = await factory.AddProviderAsync("MN18104");
        async Task Add(int provider, AgeBand band, int satisfied, int unsatisfied) =>
            await factory.AddResponsesAsync(provider, Received, TestFeedback.Scores(satisfied, unsatisfied), f => f.AgeBand = band);
        await Add(uliastai, AgeBand.From25To34, 15, 5);
        await Add(uliastai, AgeBand.From35To44, 8, 12);
        await Add(uliastai, AgeBand.From45To54, swapped ? 0 : 3, swapped ? 4 : 0);
        await Add(uliastai, AgeBand.From55To64, swapped ? 3 : 0, swapped ? 0 : 4);
        await Add(other, AgeBand.From25To34, 5, 10);
        await Add(other, AgeBand.From35To44, 10, 2);
        await factory.CountFiguresAsync();
        return factory;
    }

    private static async Task<JsonElement> TotalAsync(MasamAppFactory factory, string? unit)
    {
        var figures = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1" + (unit is null ? "" : "&adminUnit=" + unit));
        return Assert.Single(figures.GetProperty("cells").EnumerateArray());
    }

    [Fact]
    public async Task ResponsesThatDifferOnlyInsideHiddenCells_PublishTheSameWeightedRates()
    {
        var one = await AppAsync(swapped: false);
        var other = await AppAsync(swapped: true);

        foreach (var unit in new[] { "181", null })
        {
            var (a, b) = (await TotalAsync(one, unit), await TotalAsync(other, unit));
            Assert.Equal("shown", a.GetProperty("disclosure").GetString());
            var weighted = a.GetProperty("weighted");
            Assert.Equal(weighted.GetProperty("rate").GetDouble(), b.GetProperty("weighted").GetProperty("rate").GetDouble(), 12);
            Assert.Equal(weighted.GetProperty("effectiveN").GetDouble(), b.GetProperty("weighted").GetProperty("effectiveN").GetDouble(), 12);
        }

        // A soum publishes nothing below its total, so it has no weighted rate.
        Assert.Equal(JsonValueKind.Null, (await TotalAsync(one, "MN18101")).GetProperty("weighted").ValueKind);

        // The small bands are hidden, and the staff's exact figure, which reads every response, does tell the two apart.
        var bands = await one.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181&dimension=age-band");
        var disclosure = bands.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("disclosure").GetString());
        Assert.Equal("small-cell", disclosure["45-54"]);
        Assert.Equal("small-cell", disclosure["55-64"]);
        Assert.Equal("shown", disclosure["25-34"]);
        var exact = await Task.WhenAll(new[] { one, other }.Select(async f =>
        {
            await using var scope = f.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<WeightedSatisfaction>().ComputeAsync(new FigureScope(FigurePeriod.Parse("2026-Q1")!, "181"), default)).WeightedRate!.Value;
        }));
        Assert.NotEqual(exact[0], exact[1], 6);
    }

    [Fact]
    public async Task AnAimagsWeightedRate_WeighsItsShownSoumsToTheirPopulations()
    {
        var factory = await AppAsync(swapped: false);
        var population = await factory.WithDbAsync(db => db.AdminUnits.Where(u => u.Code == "MN18101" || u.Code == "MN18104").ToDictionaryAsync(u => u.Code, u => (double)u.Population!.Value));
        var (a, b) = (population["MN18101"], population["MN18104"]);

        var weighted = (await TotalAsync(factory, "181")).GetProperty("weighted");

        // Uliastai: 26 of 47 satisfied, standing for its a people; the other soum: 15 of 27, for its b people.
        var expected = (a * 26 / 47 + b * 15 / 27) / (a + b);
        Assert.Equal(Math.Round(expected, 4), weighted.GetProperty("rate").GetDouble(), 9);
        var effective = (a + b) * (a + b) / (a * a / 47 + b * b / 27);
        Assert.Equal(Math.Round(effective, 1), weighted.GetProperty("effectiveN").GetDouble(), 9);
        Assert.Equal(Math.Round(74 / weighted.GetProperty("effectiveN").GetDouble(), 3), weighted.GetProperty("designEffect").GetDouble(), 9);
        var (lower, upper) = SatisfactionStatistics.WilsonInterval(weighted.GetProperty("rate").GetDouble(), weighted.GetProperty("effectiveN").GetDouble());
        Assert.Equal(Math.Round(lower, 4), weighted.GetProperty("lower").GetDouble(), 9);
        Assert.Equal(Math.Round(upper, 4), weighted.GetProperty("upper").GetDouble(), 9);
    }

    [Fact]
    public async Task TheNationsWeightedRate_CanBeComputedAgain_FromTheShownFiguresAndTheNsoTables()
    {
        var factory = await AppAsync(swapped: false);
        var client = factory.CreateClient();
        var zavkhan = await TotalAsync(factory, "181");
        var bands = (await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181&dimension=age-band"))
            .GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("disclosure").GetString() == "shown").ToList();
        var units = await factory.WithDbAsync(db => db.AdminUnits.Where(u => u.Level == Masam.Web.Features.Geography.AdminUnitLevel.Second && u.ValidTo == null && u.Population != null)
            .Select(u => new { u.Code, Aimag = u.Parent!.Code, u.Population }).ToListAsync());
        static int Satisfied(JsonElement cell) => (int)Math.Round(cell.GetProperty("rate").GetDouble() * cell.GetProperty("n").GetInt32());

        // Zavkhan's shown age bands, the rest of its responses outside the age margin, raked to the
        // aimag's population (the only aimag with responses) and the nation's adults by age band.
        var cells = bands.SelectMany(c => new[]
        {
            new WeightingCell(["181", c.GetProperty("value").GetString()!], true, Satisfied(c)),
            new WeightingCell(["181", c.GetProperty("value").GetString()!], false, c.GetProperty("n").GetInt32() - Satisfied(c)),
        }).ToList();
        var restSatisfied = Satisfied(zavkhan) - cells.Where(c => c.Satisfied).Sum(c => c.Count);
        var restN = zavkhan.GetProperty("n").GetInt32() - cells.Sum(c => c.Count);
        cells.Add(new WeightingCell(["181", "-"], true, restSatisfied));
        cells.Add(new WeightingCell(["181", "-"], false, restN - restSatisfied));
        var margins = new List<WeightingMarginOf>
        {
            new(new RakingMargin("aimag", units.GroupBy(u => u.Aimag).ToDictionary(g => g.Key, g => g.Sum(u => (double)u.Population!.Value))), ""),
            new(new RakingMargin("age", new PopulationMargins().AdultsOf(units.Select(u => u.Code))), ""),
        };
        var again = PopulationWeighting.Estimate(cells, margins)!;

        var nation = (await TotalAsync(factory, null)).GetProperty("weighted");
        Assert.Equal(Math.Round(again.Rate, 4), nation.GetProperty("rate").GetDouble(), 9);
        Assert.Equal(Math.Round(again.EffectiveN, 1), nation.GetProperty("effectiveN").GetDouble(), 9);
        Assert.Equal(7, restN); // the two hidden bands
    }

    [Fact]
    public async Task TheApiTheFeedAndAPublication_CarryTheSameWeightedRate_ForShownAreaTotalsOnly()
    {
        var factory = await AppAsync(swapped: false);
        var client = factory.CreateClient();
        var aimags = await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&by=admin-unit");
        Assert.Contains("Kish", aimags.GetProperty("weighting").GetString());
        var zavkhan = aimags.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("value").GetString() == "181");
        var rate = zavkhan.GetProperty("weighted").GetProperty("rate").GetDouble();

        var providers = await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181&by=provider");
        Assert.All(providers.GetProperty("cells").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("weighted").ValueKind));
        var bands = await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181&dimension=age-band");
        Assert.All(bands.GetProperty("cells").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("weighted").ValueKind));

        using var feed = JsonDocument.Parse(await client.GetStringAsync(
            "/odata/SatisfactionFigures?$filter=Period eq '2026-Q1' and Level eq 'aimag' and UnitCode eq '181' and Dimension eq 'all'&$select=WeightedRate,EffectiveN,DesignEffect"));
        var row = Assert.Single(feed.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(rate, row.GetProperty("WeightedRate").GetDouble(), 12);
        Assert.Equal(zavkhan.GetProperty("weighted").GetProperty("effectiveN").GetDouble(), row.GetProperty("EffectiveN").GetDouble(), 12);

        await using var scope = factory.Services.CreateAsyncScope();
        var model = await scope.ServiceProvider.GetRequiredService<ReportModelBuilder>()
            .BuildAsync(new Publication { Period = "2026-Q1", Edition = 1 }, default);
        Assert.Equal(rate, model.Units.Single(u => u.Code == "181").WeightedRate!.Value, 12);
        Assert.NotNull(model.Total.WeightedRate);
        Assert.All(model.Units.Where(u => u.Code != "181"), u => Assert.Null(u.WeightedRate));
        Assert.All(model.Sectors.Concat(model.Providers.Select(p => p.Satisfaction)), r => Assert.Null(r.WeightedRate));
        var notes = Masam.Reporting.ReportTables.MethodNotes(model, new Masam.Reporting.ReportText("en"));
        Assert.Contains(notes, n => n.Contains("computed from the shown figures only", StringComparison.Ordinal));
    }
}
