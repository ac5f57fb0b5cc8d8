using System.Net.Http.Json;
using System.Text.Json;
using Masam.Reporting;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Features.Figures.Attack;
using Masam.Web.Tests.Features.Publications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Masam.Web.Tests.Features.Figures;

/// <summary>
/// An attacker reads every public outlet of a year of figures in which small cells exist at every
/// level (providers, soums, sectors, an aimag in one quarter, rare values of a dimension
/// nationally) and works out all it can. With linked protection no small hidden cell's mean or
/// satisfaction rate comes out exact; without it (primary suppression only), some do.
/// </summary>
public sealed partial class DisclosureAttackTests(ITestOutputHelper output)
{
    private const int Year = 2025;
    private const int Threshold = 10;
    private static readonly string[] Periods = [$"{Year}", $"{Year}-Q1", $"{Year}-Q2", $"{Year}-Q3", $"{Year}-Q4"];
    private static readonly string[] Dimensions = ["all", "gender", "age-band", "disability", "herder-household", "channel", "service-line"];

    [Fact]
    public async Task AnAttacker_RecoversNoSmallCell_FromEverythingPublished()
    {
        using var factory = new MasamAppFactory();
        var (recovered, attacker) = await AttackAsync(factory);

        Assert.True(attacker.Facts.Count(f => f.Value.Hidden) > 50, "the seeded data should hide many cells");
        Assert.True(recovered.Count == 0, "recovered: " + string.Join("; ", recovered.Take(20)));
    }

    [Fact]
    public async Task WithoutLinkedProtection_TheSameAttacker_RecoversSmallCells()
    {
        using var factory = new MasamAppFactory(("Masam:Figures:LinkedProtection", "false"));
        var (recovered, _) = await AttackAsync(factory);

        Assert.NotEmpty(recovered);
    }

    private async Task<(List<string> Recovered, FigureAttacker Attacker)> AttackAsync(MasamAppFactory factory)
    {
        var truth = await SeedAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FeedbackAggregation>().FullAsync(default);
        }

        await factory.CreateStaffAsync("analyst@masam.test", StaffRoles.MinistryAnalyst);
        var analyst = await factory.ClientForAsync("analyst@masam.test");
        var reports = new List<ReportModel>();
        foreach (var request in new object[] { new { period = $"{Year}" }, new { period = $"{Year}-Q3", adminUnit = "422" } })
        {
            var published = await PublicationSteps.PublishAsync(analyst, await PublicationSteps.DraftAsync(analyst, request));
            var files = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/publications/{published.GetProperty("id").GetInt32()}");
            var json = files.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("format").GetString() == "json");
            reports.Add(JsonReportWriter.Read(await factory.CreateClient().GetByteArrayAsync(json.GetProperty("url").GetString())));
        }

        var attacker = new FigureAttacker(factory.CreateClient());
        await attacker.ReadStructureAsync();
        attacker.Providers.RemoveAll(p => !truth.Providers.Contains(p.Id));
        await attacker.ReadSatisfactionApiAsync(Periods, truth.Sectors, truth.ServiceLines, Dimensions);
        await attacker.ReadResponsivenessAsync(Year);
        await attacker.ReadFeedAsync();
        reports.ForEach(attacker.ReadReport);

        var recovered = Recover(attacker, truth);
        output.WriteLine($"{attacker.Requests} requests; {attacker.Facts.Count} cells published, {attacker.Facts.Count(f => f.Value.Hidden)} hidden, " +
            $"{truth.Cells.Count(c => c.Value.N is > 0 and < Threshold)} small; {recovered.Count} recovered");
        return (recovered, attacker);
    }

    /// <summary>The small hidden cells whose count is known and whose score sum or number of satisfied respondents comes out exact.</summary>
    private static List<string> Recover(FigureAttacker attacker, Truth truth)
    {
        var relations = Relations(attacker, truth).ToList();
        var derived = new Dictionary<string, Dictionary<string, long>>();
        foreach (var (name, quantity) in new (string, Func<FigureAttacker.Fact, long?>)[] { ("n", f => f.N), ("sum", f => f.Sum), ("satisfied", f => f.Satisfied) })
        {
            var attack = new LinearAttack();
            foreach (var (whole, parts) in relations) attack.Relate(whole, parts, key => attacker.Known(key, quantity, counts: name == "n"));
            derived[name] = attack.Determined().ToDictionary(d => d.Key, d => LinearAttack.Signed(d.Value));
        }

        long? Value(string name, Func<FigureAttacker.Fact, long?> quantity, string key) =>
            attacker.Known(key, quantity, counts: name == "n") ?? (derived[name].TryGetValue(key, out var v) ? v : null);
        long? N(string key) => Value("n", f => f.N, key);
        long? Sum(string key) => Value("sum", f => f.Sum, key);
        long? Satisfied(string key) => Value("satisfied", f => f.Satisfied, key);

        // A known total of hidden cells bounds each of them: all the others at 5 (or satisfied), or all at 1 (or not).
        var bounded = new Dictionary<string, (bool Sum, bool Satisfied)>();
        foreach (var (whole, parts) in relations)
        {
            var hidden = parts.Where(p => Sum(p) is null || Satisfied(p) is null).ToList();
            if (hidden.Count < 2 || N(whole) is not { } n || Sum(whole) is not { } sum || Satisfied(whole) is not { } satisfied) continue;
            var others = parts.Except(hidden).ToList();
            if (others.Any(o => N(o) is null || Sum(o) is null || Satisfied(o) is null)) continue;
            var (un, usum, usat) = (n - others.Sum(o => N(o)!.Value), sum - others.Sum(o => Sum(o)!.Value), satisfied - others.Sum(o => Satisfied(o)!.Value));
            foreach (var cell in hidden.Where(h => N(h) is not null))
            {
                var nx = N(cell)!.Value;
                var sumExact = Math.Max(nx, usum - 5 * (un - nx)) == Math.Min(5 * nx, usum - (un - nx));
                var satisfiedExact = Math.Max(0, usat - (un - nx)) == Math.Min(nx, usat);
                var before = bounded.GetValueOrDefault(cell);
                bounded[cell] = (before.Sum || sumExact, before.Satisfied || satisfiedExact);
            }
        }

        var recovered = new List<string>();
        foreach (var (key, fact) in attacker.Facts.Where(f => f.Value.Hidden))
        {
            var real = truth.Cells.GetValueOrDefault(key);
            if (real.N is not (> 0 and < Threshold) || N(key) != real.N) continue;
            var sumExact = Sum(key) == real.Sum || bounded.GetValueOrDefault(key).Sum;
            var satisfiedExact = Satisfied(key) == real.Satisfied || bounded.GetValueOrDefault(key).Satisfied;
            if (sumExact || satisfiedExact) recovered.Add($"{key} n={real.N} sum={real.Sum}{(sumExact ? "!" : "")} satisfied={real.Satisfied}{(satisfiedExact ? "!" : "")}");
        }

        return recovered;
    }

    /// <summary>Every additive relation among the published cells, from the structure anyone can read.</summary>
    private static IEnumerable<(string Whole, List<string> Parts)> Relations(FigureAttacker attacker, Truth truth)
    {
        var providers = attacker.Providers;
        var aimags = providers.Select(p => p.Aimag).Distinct().ToList();
        string LeafOf((int Id, string Code, string Unit, string Aimag, string Sector) p) => p.Unit == p.Aimag ? "B:" + p.Aimag : "S:" + p.Unit;
        var leaves = providers.GroupBy(LeafOf).ToDictionary(g => g.Key, g => g.ToList());
        var slices = attacker.Facts.Keys.Select(k => k.Split('|')[2]).Where(s => s != "all").Distinct().ToList();
        var partitions = slices.GroupBy(s => s.Split('=')[0]).Select(g => g.ToList()).ToList();
        var sectors = truth.Sectors;

        foreach (var period in Periods)
        {
            var areas = new List<string> { "N" };
            areas.AddRange(aimags.Select(a => "A:" + a));
            areas.AddRange(leaves.Keys);
            var withSectors = areas.SelectMany(a => sectors.Select(s => $"{a}/{s}")).Concat(areas).ToList();
            foreach (var area in withSectors.Concat(providers.Select(p => $"P:{p.Id}")))
            {
                if (period == $"{Year}") yield return ($"{period}|{area}|all", [.. Periods.Skip(1).Select(q => $"{q}|{area}|all")]);
            }

            foreach (var slice in slices)
            {
                foreach (var area in aimags.Select(a => "A:" + a).Append("N"))
                {
                    if (period == $"{Year}") yield return ($"{period}|{area}|{slice}", [.. Periods.Skip(1).Select(q => $"{q}|{area}|{slice}")]);
                }

                yield return ($"{period}|N|{slice}", [.. aimags.Select(a => $"{period}|A:{a}|{slice}")]);
            }

            foreach (var sector in sectors.Select(s => "/" + s).Append(""))
            {
                yield return ($"{period}|N{sector}|all", [.. aimags.Select(a => $"{period}|A:{a}{sector}|all")]);
                foreach (var aimag in aimags)
                {
                    yield return ($"{period}|A:{aimag}{sector}|all", [.. leaves.Keys.Where(l => leaves[l][0].Aimag == aimag).Select(l => $"{period}|{l}{sector}|all")]);
                }

                foreach (var (leaf, members) in leaves)
                {
                    yield return ($"{period}|{leaf}{sector}|all", [.. members.Where(p => sector == "" || "/" + p.Sector == sector).Select(p => $"{period}|P:{p.Id}|all")]);
                }
            }

            foreach (var area in areas)
            {
                yield return ($"{period}|{area}|all", [.. sectors.Select(s => $"{period}|{area}/{s}|all")]);
            }

            foreach (var area in aimags.Select(a => "A:" + a).Append("N"))
            {
                foreach (var partition in partitions) yield return ($"{period}|{area}|all", [.. partition.Select(s => $"{period}|{area}|{s}")]);
            }
        }
    }

    private sealed record Truth(HashSet<int> Providers, string[] Sectors, string[] ServiceLines, Dictionary<string, (long N, long Sum, long Satisfied)> Cells);
}
