namespace Masam.Web.Features.Figures.Protection;

/// <summary>Where a provider sits: the soum (or its aimag's bodies) it belongs to, its aimag and its sector.</summary>
internal sealed record ProviderPlace(int ProviderId, FigureLevel LeafLevel, string LeafCode, string AimagCode, string Sector);

/// <summary>The counts of one provider in one quarter for one slice (<c>all</c>, or one value of one dimension).</summary>
internal sealed record CountRow(int Quarter, ProviderPlace Place, string Dimension, string Value, int[] Counts);

/// <summary>Builds a year's <see cref="FigureLattice"/> from the counts of its providers.</summary>
internal static class LatticeBuilder
{
    /// <summary>
    /// Every cell the counts fall in: each provider's own cells (everyone only), and every area
    /// above it — its soum (or aimag bodies), aimag and the nation, whole and for its sector — in
    /// the quarter and the year, for everyone; and for each value of each dimension, its aimag and
    /// the nation.
    /// </summary>
    public static FigureLattice Build(int year, bool yearPublished, IReadOnlyList<string> sectors, IEnumerable<CountRow> counts)
    {
        var rows = counts.ToList();
        var places = rows.Select(r => r.Place).DistinctBy(p => p.ProviderId).OrderBy(p => p.ProviderId).ToList();
        var nodes = new List<GeoNode> { new(FigureLevel.National, PublishedFigures.NationCode, -1, [], []) };
        var nodeIndex = new Dictionary<(FigureLevel, string), int>();
        foreach (var aimag in places.Select(p => p.AimagCode).Distinct().Order(StringComparer.Ordinal))
        {
            nodeIndex[(FigureLevel.Aimag, aimag)] = nodes.Count;
            nodes[0].Children.Add(nodes.Count);
            nodes.Add(new GeoNode(FigureLevel.Aimag, aimag, 0, [], []));
        }

        foreach (var leaf in places.Select(p => (p.LeafLevel, p.LeafCode, p.AimagCode)).Distinct().OrderBy(l => l.LeafCode, StringComparer.Ordinal).ThenBy(l => l.LeafLevel))
        {
            var parent = nodeIndex[(FigureLevel.Aimag, leaf.AimagCode)];
            nodeIndex[(leaf.LeafLevel, leaf.LeafCode)] = nodes.Count;
            nodes[parent].Children.Add(nodes.Count);
            nodes.Add(new GeoNode(leaf.LeafLevel, leaf.LeafCode, parent, [], []));
        }

        var providers = new List<ProviderNode>();
        var providerIndex = new Dictionary<int, int>();
        foreach (var place in places)
        {
            var node = nodeIndex[(place.LeafLevel, place.LeafCode)];
            providerIndex[place.ProviderId] = providers.Count;
            nodes[node].Providers.Add(providers.Count);
            var sector = sectors.ToList().IndexOf(place.Sector);
            if (sector < 0) throw new InvalidOperationException($"Provider {place.ProviderId} is in sector '{place.Sector}', which is not in the catalogue.");
            providers.Add(new ProviderNode(place.ProviderId, node, sector));
        }

        var slices = new List<SliceDef> { new(PublishedFigures.Everyone, "") };
        slices.AddRange(rows.Where(r => r.Dimension != PublishedFigures.Everyone).Select(r => new SliceDef(r.Dimension, r.Value)).Distinct()
            .OrderBy(s => s.Dimension, StringComparer.Ordinal).ThenBy(s => s.Value, StringComparer.Ordinal));
        var sliceIndex = slices.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);

        var lattice = new FigureLattice(year, nodes, providers, sectors, slices, yearPublished);
        foreach (var row in rows)
        {
            var p = providerIndex[row.Place.ProviderId];
            var (areas, slice) = row.Dimension == PublishedFigures.Everyone
                ? (lattice.AreasContaining(p), FigureLattice.Everyone)
                : (lattice.WholeAreasContaining(providers[p].Node), sliceIndex[new SliceDef(row.Dimension, row.Value)]);
            foreach (var area in areas)
            {
                lattice.Add(area, row.Quarter, slice, row.Counts);
                lattice.Add(area, FigureLattice.YearPeriod, slice, row.Counts);
            }
        }

        return lattice;
    }
}
