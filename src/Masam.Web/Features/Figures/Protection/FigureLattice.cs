namespace Masam.Web.Features.Figures.Protection;

/// <summary>
/// Every satisfaction figure of one year that can be published, as linked cells: an <em>area</em>
/// (the nation, an aimag, its aimag-level bodies, a soum or district, each whole or one sector of
/// it, or one provider), a <em>period</em> (the year or one of its quarters) and a <em>slice</em>
/// (everyone, or one value of one dimension: gender, age band, ...). Each cell holds how many
/// responses gave each score. The cells are linked by the additive relations a reader can use:
/// a year is the sum of its quarters; an area is the sum of the areas below it (aimags of the
/// nation, soums and aimag-level bodies of an aimag, providers of a soum, sectors of an area);
/// everyone is the sum of the values of each dimension. Dimensions are published for the nation
/// and the aimags (and the capital); a soum, an aimag's own bodies, a provider and a sector of an
/// area have only "everyone".
/// Cells with no response do not exist: a reader knows they are zero.
/// </summary>
internal sealed class FigureLattice
{
    public const int YearPeriod = 0;
    public const int PeriodCount = 5;
    public const int Everyone = 0;

    private readonly Dictionary<long, int> _cells = [];
    private readonly List<int> _counts = [];
    private readonly List<long> _keys = [];

    public FigureLattice(int year, IReadOnlyList<GeoNode> nodes, IReadOnlyList<ProviderNode> providers, IReadOnlyList<string> sectors,
        IReadOnlyList<SliceDef> slices, bool yearPublished)
    {
        Year = year;
        Nodes = nodes;
        Providers = providers;
        Sectors = sectors;
        Slices = slices;
        YearPublished = yearPublished;
        Partitions = [.. slices.Select((s, i) => (s, i)).Where(x => x.i != Everyone).GroupBy(x => x.s.Dimension, StringComparer.Ordinal)
            .Select(g => g.Select(x => x.i).ToArray())];
        PartitionOf = new int[slices.Count];
        Array.Fill(PartitionOf, -1);
        for (var p = 0; p < Partitions.Count; p++)
        {
            foreach (var s in Partitions[p]) PartitionOf[s] = p;
        }

        AreasPerNode = sectors.Count + 1;
        ProviderAreaBase = nodes.Count * AreasPerNode;
    }

    public int Year { get; }

    /// <summary>The nation first (index 0), then aimags, aimag-level bodies and soums; each with its parent's index.</summary>
    public IReadOnlyList<GeoNode> Nodes { get; }

    public IReadOnlyList<ProviderNode> Providers { get; }

    /// <summary>Sector codes; in an area id, sector index <c>i + 1</c> (0 is the whole area).</summary>
    public IReadOnlyList<string> Sectors { get; }

    /// <summary>Slice 0 is everyone; the others are one value of one dimension.</summary>
    public IReadOnlyList<SliceDef> Slices { get; }

    /// <summary>The slices of each dimension: together they add up to everyone.</summary>
    public IReadOnlyList<int[]> Partitions { get; }

    public int[] PartitionOf { get; }

    /// <summary>Whether the year has ended, so that its year figures are published (its quarters are, once each has ended).</summary>
    public bool YearPublished { get; }

    public int AreasPerNode { get; }

    public int ProviderAreaBase { get; }

    public int CellCount => _keys.Count;

    public int AreaOf(int node, int sector = 0) => node * AreasPerNode + sector;

    public int ProviderArea(int provider) => ProviderAreaBase + provider;

    public bool IsProviderArea(int area) => area >= ProviderAreaBase;

    /// <summary>The geography node of an area (for a provider, the soum or aimag-level bodies it belongs to).</summary>
    public int NodeOf(int area) => IsProviderArea(area) ? Providers[area - ProviderAreaBase].Node : area / AreasPerNode;

    /// <summary>0 for a whole area, the sector index + 1 for one sector of it, -1 for a provider.</summary>
    public int SectorOf(int area) => IsProviderArea(area) ? -1 : area % AreasPerNode;

    /// <summary>Only the whole nation and whole aimags carry the dimensions.</summary>
    public bool HasSlices(int area) => !IsProviderArea(area) && area % AreasPerNode == 0 && CarriesSlices(area / AreasPerNode);

    public bool CarriesSlices(int node) => Nodes[node].Level is FigureLevel.National or FigureLevel.Aimag;

    public bool IsPublished(int period) => period != YearPeriod || YearPublished;

    /// <summary>Adds counts (of scores 1-5) to a cell, creating it.</summary>
    public void Add(int area, int period, int slice, ReadOnlySpan<int> scores)
    {
        var key = Key(area, period, slice);
        if (!_cells.TryGetValue(key, out var cell))
        {
            cell = _keys.Count;
            _cells[key] = cell;
            _keys.Add(key);
            for (var i = 0; i < 5; i++) _counts.Add(0);
        }

        for (var i = 0; i < 5; i++) _counts[cell * 5 + i] += scores[i];
    }

    /// <summary>The cell's index, or -1 when no response falls in it.</summary>
    public int Find(int area, int period, int slice) => _cells.TryGetValue(Key(area, period, slice), out var cell) ? cell : -1;

    public (int Area, int Period, int Slice) Coordinates(int cell)
    {
        var key = _keys[cell];
        var slice = (int)(key % Slices.Count);
        key /= Slices.Count;
        return ((int)(key / PeriodCount), (int)(key % PeriodCount), slice);
    }

    public int Count(int cell, int score) => _counts[cell * 5 + score - 1];

    public int N(int cell)
    {
        var n = 0;
        for (var i = 0; i < 5; i++) n += _counts[cell * 5 + i];
        return n;
    }

    /// <summary>The scores (1-5) present in a cell as bits 1-5.</summary>
    public int ScoreMask(int cell)
    {
        var mask = 0;
        for (var i = 0; i < 5; i++)
        {
            if (_counts[cell * 5 + i] > 0) mask |= 1 << (i + 1);
        }

        return mask;
    }

    public int[] Histogram(int cell) => [.. Enumerable.Range(0, 5).Select(i => _counts[cell * 5 + i])];

    /// <summary>The areas that contain a provider: itself, then its sector and whole area at each level up to the nation.</summary>
    public IEnumerable<int> AreasContaining(int provider)
    {
        var p = Providers[provider];
        yield return ProviderArea(provider);
        for (var node = p.Node; node >= 0; node = Nodes[node].Parent)
        {
            yield return AreaOf(node, p.Sector + 1);
            yield return AreaOf(node, 0);
        }
    }

    /// <summary>The whole geography areas that contain a node and carry the dimensions: the node or its aimag, and the nation.</summary>
    public IEnumerable<int> WholeAreasContaining(int node)
    {
        for (; node >= 0; node = Nodes[node].Parent)
        {
            if (CarriesSlices(node)) yield return AreaOf(node, 0);
        }
    }

    /// <summary>Whether a node is the given node or lies below it.</summary>
    public bool IsWithin(int node, int ancestor)
    {
        for (; node >= 0; node = Nodes[node].Parent)
        {
            if (node == ancestor) return true;
        }

        return false;
    }

    /// <summary>Every additive relation among the cells: a parent cell and the cells that add up to it (absent ones being zero).</summary>
    public IEnumerable<(int Area, int Period, int Slice, IReadOnlyList<(int Area, int Period, int Slice)> Parts)> Relations()
    {
        var wholeSlices = Enumerable.Range(0, Slices.Count).ToArray();
        for (var node = 0; node < Nodes.Count; node++)
        {
            var geo = Nodes[node];
            for (var sector = 0; sector < AreasPerNode; sector++)
            {
                var area = AreaOf(node, sector);
                var slices = sector == 0 && CarriesSlices(node) ? wholeSlices : [Everyone];
                foreach (var slice in slices)
                {
                    for (var period = 0; period < PeriodCount; period++)
                    {
                        if (period == YearPeriod)
                        {
                            yield return (area, period, slice, [.. Enumerable.Range(1, 4).Select(q => (area, q, slice))]);
                        }

                        if (geo.Children.Count > 0 && (slice == Everyone || geo.Children.All(CarriesSlices)))
                        {
                            yield return (area, period, slice, [.. geo.Children.Select(c => (AreaOf(c, sector), period, slice))]);
                        }
                        else if (geo.Children.Count == 0 && slice == Everyone)
                        {
                            yield return (area, period, slice, [.. geo.Providers.Where(p => sector == 0 || Providers[p].Sector + 1 == sector)
                                .Select(p => (ProviderArea(p), period, Everyone))]);
                        }

                        if (sector == 0 && slice == Everyone)
                        {
                            yield return (area, period, slice, [.. Enumerable.Range(1, Sectors.Count).Select(s => (AreaOf(node, s), period, Everyone))]);
                            foreach (var partition in CarriesSlices(node) ? Partitions : [])
                            {
                                yield return (area, period, slice, [.. partition.Select(s => (area, period, s))]);
                            }
                        }
                    }
                }
            }
        }

        for (var p = 0; p < Providers.Count; p++)
        {
            yield return (ProviderArea(p), YearPeriod, Everyone, [.. Enumerable.Range(1, 4).Select(q => (ProviderArea(p), q, Everyone))]);
        }
    }

    private long Key(int area, int period, int slice) => ((long)area * PeriodCount + period) * Slices.Count + slice;
}

/// <summary>A node of the geography: its kind, NSO code (the aimag's for aimag-level bodies), parent (-1 for the nation), child nodes and providers.</summary>
internal sealed record GeoNode(FigureLevel Level, string Code, int Parent, List<int> Children, List<int> Providers);

/// <summary>A provider in the lattice: its id, the node it belongs to (a soum or an aimag's bodies), and its sector's index.</summary>
internal sealed record ProviderNode(int Id, int Node, int Sector);

/// <summary>One slice: everyone (<c>all</c>, empty value) or one value of one dimension.</summary>
internal sealed record SliceDef(string Dimension, string Value);
