using Masam.Web.Features.Figures;
using Masam.Web.Features.Figures.Protection;

namespace Masam.Web.Tests.Features.Figures;

public sealed class LinkedSuppressionTests
{
    private static readonly string[] Sectors = ["education", "health"];

    /// <summary>Responses as (quarter, provider, soum, aimag, sector, gender, score); a provider of an aimag itself has soum null.</summary>
    private static FigureLattice Lattice(bool yearPublished, IEnumerable<(int Quarter, int Provider, string? Soum, string Aimag, string Sector, string Gender, int Score)> responses)
    {
        var rows = new List<CountRow>();
        foreach (var group in responses.GroupBy(r => (r.Quarter, r.Provider)))
        {
            var first = group.First();
            var place = first.Soum is null
                ? new ProviderPlace(first.Provider, FigureLevel.AimagBodies, first.Aimag, first.Aimag, first.Sector)
                : new ProviderPlace(first.Provider, FigureLevel.Soum, first.Soum, first.Aimag, first.Sector);
            rows.Add(new CountRow(group.Key.Quarter, place, "all", "", Histogram(group.Select(r => r.Score))));
            rows.AddRange(group.GroupBy(r => r.Gender).Select(g => new CountRow(group.Key.Quarter, place, "gender", g.Key, Histogram(g.Select(r => r.Score)))));
        }

        return LatticeBuilder.Build(2025, yearPublished, Sectors, rows);
    }

    private static int[] Histogram(IEnumerable<int> scores)
    {
        var counts = new int[5];
        foreach (var score in scores) counts[score - 1]++;
        return counts;
    }

    private static IEnumerable<(int, int, string?, string, string, string, int)> Many(int quarter, int provider, string? soum, string aimag, string sector, int count, int seed) =>
        Enumerable.Range(0, count).Select(i => (quarter, provider, soum, aimag, sector, i % 3 == 0 ? "male" : "female", 1 + (i * 7 + seed) % 5));

    private static int CellOf(FigureLattice lattice, int provider, int period)
    {
        var index = lattice.Providers.Select((p, i) => (p, i)).Single(x => x.p.Id == provider).i;
        return lattice.Find(lattice.ProviderArea(index), period, FigureLattice.Everyone);
    }

    [Fact]
    public void ALoneSmallProvider_IsProtectedByAnotherProviderOfTheSameSoumAndSector()
    {
        var lattice = Lattice(false, [.. Many(1, 1, "MN18101", "181", "health", 30, 1), .. Many(1, 2, "MN18101", "181", "health", 3, 2),
            .. Many(1, 3, "MN18101", "181", "education", 40, 3), .. Many(1, 4, "MN18104", "181", "health", 50, 4)]);
        var engine = new LinkedSuppression(lattice, 10, _ => PreviousDecision.None);

        engine.Run(linked: true);

        Assert.True(engine.IsPrimary(CellOf(lattice, 2, 1)));
        Assert.True(engine.IsHidden(CellOf(lattice, 1, 1)));  // the only other health provider of the soum: hidden with it
        Assert.False(engine.IsHidden(CellOf(lattice, 3, 1))); // education is not needed
        Assert.False(engine.IsHidden(CellOf(lattice, 4, 1)));
        var certificate = Assert.Single(engine.Certificates);
        Assert.Null(certificate.Check(lattice, engine.IsHidden));
    }

    [Fact]
    public void ACertificate_FailsItsCheck_WhenACellIsLeftOut_OrShown()
    {
        var lattice = Lattice(false, [.. Many(1, 1, "MN18101", "181", "health", 30, 1), .. Many(1, 2, "MN18101", "181", "health", 3, 2)]);
        var engine = new LinkedSuppression(lattice, 10, _ => PreviousDecision.None);
        engine.Run(linked: true);
        var certificate = Assert.Single(engine.Certificates);

        var partner = certificate.Signs.First(s => s.Cell != certificate.Cell && lattice.IsPublished(lattice.Coordinates(s.Cell).Period));
        Assert.NotNull((certificate with { Signs = [.. certificate.Signs.Where(s => s != partner)] }).Check(lattice, engine.IsHidden));
        Assert.NotNull(certificate.Check(lattice, cell => cell != partner.Cell && engine.IsHidden(cell)));
        Assert.NotNull((certificate with { From = 4, To = 5 }).Check(lattice, engine.IsHidden));
    }

    [Fact]
    public void WithoutLinkedProtection_OnlySmallCellsAreHidden()
    {
        var lattice = Lattice(false, [.. Many(1, 1, "MN18101", "181", "health", 30, 1), .. Many(1, 2, "MN18101", "181", "health", 3, 2)]);
        var engine = new LinkedSuppression(lattice, 10, _ => PreviousDecision.None);

        engine.Run(linked: false);

        Assert.True(engine.IsHidden(CellOf(lattice, 2, 1)));
        Assert.False(engine.IsHidden(CellOf(lattice, 1, 1)));
        Assert.Empty(engine.Certificates);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EverySmallCell_GetsACertificate_ThatBalancesEveryRelation_OnRandomData(int seed)
    {
        var random = new Random(seed);
        var responses = new List<(int, int, string?, string, string, string, int)>();
        var provider = 0;
        foreach (var aimag in new[] { "181", "267", "422" })
        {
            var soums = Enumerable.Range(0, 3).Select(i => $"MN{aimag}{i * 3 + 1:D2}").Append(null).ToList();
            foreach (var soum in soums)
            {
                for (var p = 0; p < (soum is null ? 1 : 3); p++)
                {
                    provider++;
                    var size = random.Next(0, 4) == 0 ? random.Next(1, 6) : random.Next(5, 60);
                    for (var i = 0; i < size; i++)
                    {
                        string[] genders = ["female", "female", "male", "not-given", "other"];
                        responses.Add((random.Next(1, 5), provider, soum, aimag, Sectors[provider % 2], genders[random.Next(genders.Length)],
                            random.Next(0, 3) == 0 ? 5 : random.Next(1, 6)));
                    }
                }
            }
        }

        var lattice = Lattice(true, responses);
        var engine = new LinkedSuppression(lattice, 10, _ => PreviousDecision.None);

        engine.Run(linked: true);

        var primaries = Enumerable.Range(0, lattice.CellCount).Where(engine.IsPrimary).ToList();
        Assert.NotEmpty(primaries);
        Assert.Equal(primaries.Order(), engine.Certificates.Select(c => c.Cell).Order());
        Assert.All(engine.Certificates, c => Assert.Null(c.Check(lattice, engine.IsHidden)));
        Assert.Contains(Enumerable.Range(0, lattice.CellCount), c => !engine.IsHidden(c)); // not everything is hidden
    }

    [Fact]
    public void WhatWasShownStaysShown_AndWhatWasHiddenStaysHidden_WhenAQuarterIsAdded()
    {
        List<(int, int, string?, string, string, string, int)> first =
        [
            .. Many(1, 1, "MN18101", "181", "health", 30, 1), .. Many(1, 2, "MN18101", "181", "health", 25, 2),
            .. Many(1, 3, "MN18104", "181", "health", 4, 3), .. Many(1, 4, "MN18104", "181", "health", 35, 4),
        ];
        var before = Lattice(false, first);
        var earlier = new LinkedSuppression(before, 10, _ => PreviousDecision.None);
        earlier.Run(linked: true);
        var decisions = Enumerable.Range(0, before.CellCount).ToDictionary(before.Coordinates, c => earlier.IsHidden(c));

        // The second quarter: provider 1 is small now; its natural partner in the quarter is provider 2.
        var after = Lattice(false, [.. first, .. Many(2, 1, "MN18101", "181", "health", 2, 5), .. Many(2, 2, "MN18101", "181", "health", 40, 6),
            .. Many(2, 4, "MN18104", "181", "health", 30, 7)]);
        var engine = new LinkedSuppression(after, 10, cell => decisions.TryGetValue(after.Coordinates(cell), out var hidden)
            ? hidden ? PreviousDecision.Hidden : PreviousDecision.Shown : PreviousDecision.None);
        engine.Run(linked: true);

        foreach (var cell in Enumerable.Range(0, after.CellCount).Where(c => after.Coordinates(c).Period == 1))
        {
            Assert.Equal(decisions[after.Coordinates(cell)], engine.IsHidden(cell));
        }

        Assert.Equal(0, engine.Withdrawn);
        Assert.All(engine.Certificates, c => Assert.Null(c.Check(after, engine.IsHidden)));
        Assert.True(engine.IsPrimary(CellOf(after, 1, 2)));
    }
}
