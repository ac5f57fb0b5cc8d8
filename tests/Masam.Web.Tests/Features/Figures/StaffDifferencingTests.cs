using System.Net;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Features.Figures.Attack;
using Masam.Web.Tests.TestSupport;

namespace Masam.Web.Tests.Features.Figures;

/// <summary>
/// The staff figures as an attacker inside the staff would read them, beside everything published:
/// Zavkhan's official asks the weighted-satisfaction endpoint for every area and period it answers
/// (the nation, every aimag, every soum and district with a provider), reads the public
/// satisfaction API too, and works out what the sums imply. Khövsgöl's provider had 9 responses in
/// the first quarter (4 satisfied): below the threshold, hidden everywhere. The official recovers nothing of
/// it. A national analyst, who may read every row anyway, does: so the attack can find what it looks for.
/// </summary>
public sealed class StaffDifferencingTests : IDisposable
{
    private static readonly DateTime Received = MongolianTime.ToUtc(new DateTime(2026, 2, 10, 12, 0, 0));
    private static readonly string[] Periods = ["2026-Q1"];
    private const string Hidden = "MN26701";
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task SeedAsync()
    {
        foreach (var (unit, satisfied, unsatisfied) in new[] { ("MN18101", 8, 4), ("MN18104", 5, 6), (Hidden, 4, 5), ("MN51110", 9, 6) })
        {
            var provider = await _factory.AddProviderAsync(unit);
            await _factory.AddResponsesAsync(provider, Received, TestFeedback.Scores(satisfied, unsatisfied));
        }

        await _factory.CountFiguresAsync();
    }

    /// <summary>What <paramref name="who"/> works out of the hidden provider's soum and aimag (n and satisfied), from the staff and public figures.</summary>
    private async Task<Dictionary<string, long>> AttackAsync(HttpClient who)
    {
        var attacker = new FigureAttacker(_factory.CreateClient());
        await attacker.ReadStructureAsync();
        await attacker.ReadSatisfactionApiAsync(Periods, [], [], ["all"]);
        var aimags = attacker.UnitLevels.Where(u => u.Value == 1).Select(u => u.Key).ToList();
        var soums = attacker.Providers.Where(p => p.Unit != p.Aimag).Select(p => p.Unit).Distinct().ToList();

        // The staff figures: n, and satisfied from the unweighted rate, wherever the endpoint answers.
        var staff = new Dictionary<string, (long N, long? Satisfied)>();
        foreach (var period in Periods)
        {
            foreach (var (query, key) in new[] { ("", $"{period}|N|all") }
                .Concat(aimags.Select(a => ($"&adminUnit={a}", $"{period}|A:{a}|all")))
                .Concat(soums.Select(s => ($"&adminUnit={s}", $"{period}|S:{s}|all"))))
            {
                using var response = await who.GetAsync($"/api/v1/staff/figures/weighted-satisfaction?period={period}{query}");
                if (response.StatusCode == HttpStatusCode.NotFound) continue;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var figure = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                var n = figure.GetProperty("n").GetInt64();
                var rate = figure.GetProperty("unweightedRate");
                staff[key] = (n, rate.ValueKind == JsonValueKind.Number ? (long)Math.Round(rate.GetDouble() * n) : null);
            }
        }

        long? Known(string key, bool counts) =>
            staff.TryGetValue(key, out var s) && (counts || s.Satisfied is not null) ? (counts ? s.N : s.Satisfied)
            : attacker.Known(key, f => counts ? f.N : f.Satisfied, counts);

        var found = new Dictionary<string, long>();
        foreach (var (name, counts) in new[] { ("n", true), ("satisfied", false) })
        {
            var attack = new LinearAttack();
            foreach (var period in Periods)
            {
                attack.Relate($"{period}|N|all", aimags.Select(a => $"{period}|A:{a}|all"), key => Known(key, counts));
                foreach (var aimag in aimags)
                {
                    attack.Relate($"{period}|A:{aimag}|all", soums.Where(s => attacker.Providers.Any(p => p.Unit == s && p.Aimag == aimag))
                        .Select(s => $"{period}|S:{s}|all").Append($"{period}|B:{aimag}|all"), key => Known(key, counts));
                }
            }

            foreach (var period in Periods)
            {
                foreach (var key in new[] { $"{period}|S:{Hidden}|all", $"{period}|A:267|all" })
                {
                    // Recovered: worked out, and right (a cell no outlet lists is taken as empty, which here it is not).
                    var value = Known(key, counts) ?? (attack.Determined().TryGetValue(key, out var v) ? LinearAttack.Signed(v) : null);
                    if (value == (counts ? 9 : 4)) found[$"{key} {name}"] = value.Value;
                }
            }
        }

        return found;
    }

    [Fact]
    public async Task ALocalOfficial_RecoversNothingOfAnotherAimagsSmallCell_FromStaffAndPublicFigures()
    {
        await SeedAsync();
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);

        var official = await AttackAsync(await _factory.ClientForAsync("zavkhan@test.mn"));
        var analyst = await AttackAsync(await _factory.ClientForAsync("analyst@test.mn"));

        // Counts are public (the responsiveness API gives each provider's received), so only "satisfied" is secret.
        Assert.DoesNotContain(official, f => f.Key.EndsWith(" satisfied", StringComparison.Ordinal));
        Assert.Equal(4, analyst["2026-Q1|S:MN26701|all satisfied"]);
        Assert.Equal(4, analyst["2026-Q1|A:267|all satisfied"]);
    }
}
