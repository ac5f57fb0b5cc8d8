using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Reporting;
using Masam.Web.Tests.Features.QueryFeed;

namespace Masam.Web.Tests.Features.Figures.Attack;

/// <summary>
/// Plays someone who wants a small hidden cell's scores: reads every public outlet with an anonymous
/// client (the satisfaction API with every breakdown, dimension, sector and service line of every
/// period and scope, the responsiveness API, the OData feed, a published report's JSON), then works
/// out whatever the published numbers imply (<see cref="LinearAttack"/>, and the bounds a known
/// total of hidden cells puts on each of them).
/// </summary>
/// <remarks>
/// Cells are named <c>period|area|slice</c>: area <c>N</c>, <c>A:181</c> (aimag), <c>B:181</c> (its own
/// bodies), <c>S:MN18101</c> (soum or district), <c>P:12</c> (provider), with <c>/health</c> for one sector;
/// slice <c>all</c> or <c>gender=female</c>. A cell no outlet lists has no responses.
/// </remarks>
public sealed class FigureAttacker(HttpClient client)
{
    public sealed record Fact(long? N, long? Sum, long? Satisfied, bool Hidden);

    private readonly Dictionary<string, Fact> _facts = [];
    private readonly Dictionary<string, long> _counts = [];

    public int Requests { get; private set; }
    public IReadOnlyDictionary<string, Fact> Facts => _facts;

    /// <summary>The structure anyone can read: providers with their unit, aimag and sector; units with their level.</summary>
    public List<(int Id, string Code, string Unit, string Aimag, string Sector)> Providers { get; } = [];
    public Dictionary<string, int> UnitLevels { get; } = [];

    public async Task ReadStructureAsync()
    {
        var odata = new ODataClient(client);
        foreach (var row in (await odata.ReadAllAsync("Providers")).Rows)
        {
            Providers.Add(((int)ODataClient.Value(row, "Id")!, (string)ODataClient.Value(row, "Code")!, (string)ODataClient.Value(row, "AdminUnitCode")!,
                (string)ODataClient.Value(row, "AimagCode")!, (string)ODataClient.Value(row, "SectorCode")!));
        }

        foreach (var row in (await odata.ReadAllAsync("AdminUnits")).Rows)
        {
            UnitLevels[(string)ODataClient.Value(row, "Code")!] = (int)ODataClient.Value(row, "Level")!;
        }
    }

    /// <summary>Every question the satisfaction API answers for these periods, for the nation and every unit and provider with responses.</summary>
    public async Task ReadSatisfactionApiAsync(IEnumerable<string> periods, IEnumerable<string> sectors, IEnumerable<string> serviceLines, IEnumerable<string> dimensions)
    {
        var aimags = Providers.Select(p => p.Aimag).Distinct().ToList();
        var soums = Providers.Where(p => p.Unit != p.Aimag).Select(p => p.Unit).Distinct().ToList();
        foreach (var period in periods)
        {
            var scopes = new List<(string Query, string Area)> { ("", "N") };
            scopes.AddRange(aimags.Select(a => ($"&adminUnit={a}", "A:" + a)));
            scopes.AddRange(soums.Select(s => ($"&adminUnit={s}", "S:" + s)));
            foreach (var (query, area) in scopes)
            {
                foreach (var dimension in dimensions)
                {
                    await ReadAsync($"period={period}{query}&dimension={dimension}", v => $"{period}|{area}|{(dimension == "all" ? "all" : $"{dimension}={v}")}");
                }

                foreach (var line in serviceLines) await ReadAsync($"period={period}{query}&serviceLine={line}", _ => $"{period}|{area}|service-line={line}");
                await ReadAsync($"period={period}{query}&by=provider", v => $"{period}|P:{v}|all");
                await ReadAsync($"period={period}{query}&by=sector", v => $"{period}|{area}/{v}|all");
                await ReadAsync($"period={period}{query}&by=admin-unit", v => $"{period}|{Child(area, v)}|all");
                foreach (var line in serviceLines) await ReadAsync($"period={period}{query}&by=admin-unit&serviceLine={line}", v => $"{period}|{Child(area, v)}|service-line={line}");
                foreach (var sector in sectors)
                {
                    await ReadAsync($"period={period}{query}&sector={sector}", _ => $"{period}|{area}/{sector}|all");
                    await ReadAsync($"period={period}{query}&sector={sector}&by=admin-unit", v => $"{period}|{Child(area, v)}/{sector}|all");
                    await ReadAsync($"period={period}{query}&sector={sector}&by=provider", v => $"{period}|P:{v}|all");
                }
            }

            foreach (var provider in Providers)
            {
                await ReadAsync($"period={period}&provider={provider.Id}", _ => $"{period}|P:{provider.Id}|all");
            }
        }
    }

    /// <summary>The number of responses of every provider and month, which the responsiveness API publishes as received.</summary>
    public async Task ReadResponsivenessAsync(int year)
    {
        foreach (var provider in Providers)
        {
            for (var month = 1; month <= 12; month++)
            {
                Requests++;
                var figures = await client.GetFromJsonAsync<JsonElement>($"/api/v1/responsiveness?period={year}-{month:D2}&provider={provider.Id}");
                var received = figures.GetProperty("feedback").GetProperty("received").GetInt64();
                foreach (var period in new[] { $"{year}-Q{(month - 1) / 3 + 1}", $"{year}" })
                {
                    var key = $"{period}|P:{provider.Id}|all";
                    _counts[key] = _counts.GetValueOrDefault(key) + received;
                }
            }
        }
    }

    public async Task ReadFeedAsync()
    {
        foreach (var row in (await new ODataClient(client).ReadAllAsync("SatisfactionFigures")).Rows)
        {
            var (level, unit, dimension, value) = ((string)ODataClient.Value(row, "Level")!, (string)ODataClient.Value(row, "UnitCode")!,
                (string)ODataClient.Value(row, "Dimension")!, (string)ODataClient.Value(row, "Value")!);
            var area = level switch
            {
                "national" => "N",
                "aimag" => "A:" + unit,
                "aimag-bodies" => "B:" + unit,
                "soum" => "S:" + unit,
                _ => "P:" + ODataClient.Value(row, "ProviderId"),
            };
            var key = dimension switch
            {
                "all" => $"{ODataClient.Value(row, "Period")}|{area}|all",
                "sector" => $"{ODataClient.Value(row, "Period")}|{area}/{value}|all",
                _ => $"{ODataClient.Value(row, "Period")}|{area}|{dimension}={value}",
            };
            Record(key, (string)ODataClient.Value(row, "Disclosure")!, (int?)ODataClient.Value(row, "N"), (double?)ODataClient.Value(row, "Mean"),
                (double?)ODataClient.Value(row, "Rate"));
        }
    }

    /// <summary>The figures of a published report's JSON file: its total, units, sectors and providers, with each provider's count received.</summary>
    public void ReadReport(ReportModel report)
    {
        var period = report.Header.Period;
        var area = report.Header.UnitCode is { } code ? (UnitLevels[code] == 1 ? "A:" : "S:") + code : "N";
        Record(FigureRow(report.Total, $"{period}|{area}|all"));
        foreach (var unit in report.Units) Record(FigureRow(unit, $"{period}|{Child(area, unit.Code)}|all"));
        foreach (var sector in report.Sectors) Record(FigureRow(sector, $"{period}|{area}/{sector.Code}|all"));
        foreach (var provider in report.Providers)
        {
            var id = Providers.Single(p => p.Code == provider.Code).Id;
            Record(FigureRow(provider.Satisfaction, $"{period}|P:{id}|all"));
            _counts[$"{period}|P:{id}|all"] = provider.Received;
        }
    }

    private static (string, string, int?, double?, double?) FigureRow(FigureRow row, string key) => (key, row.Disclosure, row.N, row.Mean, row.Rate);

    private void Record((string Key, string Disclosure, int? N, double? Mean, double? Rate) row) => Record(row.Key, row.Disclosure, row.N, row.Mean, row.Rate);

    private static string Child(string area, string code) => area == "N" ? "A:" + code : area == "A:" + code ? "B:" + code : "S:" + code;

    private async Task ReadAsync(string query, Func<string, string> keyOf)
    {
        Requests++;
        using var response = await client.GetAsync("/api/v1/satisfaction?" + query);
        if (response.StatusCode == HttpStatusCode.BadRequest) return; // not published
        response.EnsureSuccessStatusCode();
        var figures = await response.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var cell in figures.GetProperty("cells").EnumerateArray())
        {
            Record(keyOf(cell.GetProperty("value").GetString()!), cell.GetProperty("disclosure").GetString()!,
                cell.GetProperty("n").ValueKind == JsonValueKind.Null ? null : cell.GetProperty("n").GetInt32(),
                cell.GetProperty("mean").ValueKind == JsonValueKind.Null ? null : cell.GetProperty("mean").GetDouble(),
                cell.GetProperty("rate").ValueKind == JsonValueKind.Null ? null : cell.GetProperty("rate").GetDouble());
        }
    }

    /// <summary>Records what an outlet says of a cell; two outlets that disagree about one cell fail the test.</summary>
    private void Record(string key, string disclosure, int? n, double? mean, double? rate)
    {
        if (disclosure == "no-data") return;
        var fact = disclosure == "shown"
            ? new Fact(n, (long)Math.Round(n!.Value * mean!.Value), (long)Math.Round(n.Value * rate!.Value), false)
            : new Fact(null, null, null, true);
        if (_facts.TryGetValue(key, out var earlier) && earlier != fact)
        {
            throw new InvalidOperationException($"Two outlets disagree about {key}: {earlier} and {fact}.");
        }

        _facts[key] = fact;
    }

    /// <summary>What the attacker knows of a cell for one quantity: published, or zero when no outlet lists it; null when hidden.</summary>
    public long? Known(string key, Func<Fact, long?> quantity, bool counts)
    {
        if (counts && _counts.TryGetValue(key, out var count)) return count;
        return _facts.TryGetValue(key, out var fact) ? fact.Hidden ? null : quantity(fact) : 0;
    }
}
