namespace Masam.Web.Features.Figures.Protection;

/// <summary>The candidate moves along each axis that <see cref="LinkedSuppression"/> combines into certificates.</summary>
internal sealed partial class LinkedSuppression
{
    /// <summary>The period moves: to another quarter of the year, or one more response in a quarter (the year changes with it).</summary>
    private IEnumerable<(int Period, int Sign)[]> PeriodMoves(int period)
    {
        if (period == FigureLattice.YearPeriod)
        {
            foreach (var quarter in Enumerable.Range(1, 4)) yield return [(quarter, 1), (FigureLattice.YearPeriod, 1)];
            yield break;
        }

        // While the year is not published, one more response in the quarter changes nothing else published: nothing is cheaper.
        yield return [(period, 1), (FigureLattice.YearPeriod, 1)];
        if (!_lattice.YearPublished) yield break;
        foreach (var quarter in Enumerable.Range(1, 4).Where(q => q != period)) yield return [(period, 1), (quarter, -1)];
    }

    /// <summary>
    /// Area moves for a dimension cell, between whole aimags (the only areas below the nation that
    /// carry dimensions): the cell's aimag, or one that has the value when the cell is the nation's,
    /// against another aimag that has it; or one more response in that aimag, which changes the nation.
    /// </summary>
    private IEnumerable<((int Area, int Sign)[] Areas, int Inside)> NodeMoves(int area, int period, int slice)
    {
        var node = _lattice.NodeOf(area);
        var aimags = _lattice.Nodes[0].Children;
        var insides = (node == 0 ? aimags : [node]).Where(n => _lattice.Find(_lattice.AreaOf(n), period, slice) >= 0)
            .OrderBy(n => HiddenFirst(_lattice.Find(_lattice.AreaOf(n), period, slice))).Take(3).ToList();
        foreach (var inside in insides)
        {
            var own = _lattice.WholeAreasContaining(inside).ToList();
            var outsides = node == 0 ? [] : aimags.Where(n => n != inside)
                .Select(n => (Node: n, Cell: _lattice.Find(_lattice.AreaOf(n), period, slice))).Where(x => x.Cell >= 0)
                .OrderBy(x => HiddenFirst(x.Cell)).Take(8).Select(x => x.Node);
            foreach (var outside in outsides)
            {
                yield return (Difference(own, [.. _lattice.WholeAreasContaining(outside)]), inside);
            }

            yield return ([.. own.Select(a => (a, 1))], inside);
        }
    }

    /// <summary>
    /// Area moves for any cell, as responses moved between providers: from one inside the cell's area
    /// to one outside it, nearest first (the same soum and sector; the same soum, another sector;
    /// another soum of the aimag; another aimag; in the same sector, so that no other sector's totals
    /// move); around a rectangle of two places and two sectors (in at a provider of the cell, out at
    /// another sector's provider beside it, and the reverse at a second place), which keeps every
    /// total of a place and of a sector; or one more response at a provider inside, which changes
    /// every area above it.
    /// </summary>
    private IEnumerable<(int Area, int Sign)[]> ProviderMoves(int area, int period, int slice, bool exhaustive, bool far)
    {
        // For a dimension cell, a provider whose aimag has the value, and shares a score with it, so that one response can move in both.
        var insides = ProvidersIn(area)
            .Select(p => (Provider: p, Cell: Cell(p, period)))
            .Where(x => x.Cell >= 0)
            .Where(x => slice == FigureLattice.Everyone
                || _lattice.Find(_lattice.AreaOf(AimagOf(_lattice.Providers[x.Provider].Node)), period, slice) is var value && value >= 0
                && (_lattice.ScoreMask(value) & _lattice.ScoreMask(x.Cell)) != 0)
            .OrderBy(x => HiddenFirst(x.Cell)).Select(x => x.Provider);
        foreach (var inside in exhaustive ? insides : insides.Take(8))
        {
            if (!exhaustive)
            {
                foreach (var outside in ProvidersOutside(area, inside, period, far))
                {
                    yield return Combine([(inside, 1), (outside, -1)]);
                }

                foreach (var corners in Rectangles(area, inside, period, far).Take(8))
                {
                    yield return Combine(corners);
                }
            }

            if (far) yield return Combine([(inside, 1)]);
        }
    }

    private int Cell(int provider, int period) => _lattice.Find(_lattice.ProviderArea(provider), period, FigureLattice.Everyone);

    /// <summary>
    /// Providers outside the area with responses in the period that can take the move: near, the
    /// same soum (same sector, then another), and the same aimag (same sector, then another); far,
    /// another aimag and the sector.
    /// </summary>
    private IEnumerable<int> ProvidersOutside(int area, int inside, int period, bool far)
    {
        var (node, sector, own) = (_lattice.Providers[inside].Node, _lattice.Providers[inside].Sector, Mask(inside, period));
        var parent = _lattice.Nodes[node].Parent;
        IEnumerable<int> Tier(IEnumerable<int> nodes, bool sameSector) => nodes
            .SelectMany(n => _lattice.Nodes[n].Providers)
            .Where(p => p != inside && (_lattice.Providers[p].Sector == sector) == sameSector && !Contains(area, p))
            .Select(p => (Provider: p, Cell: Cell(p, period)))
            .Where(x => x.Cell >= 0 && CanMove(own, _lattice.ScoreMask(x.Cell)))
            .Select(x => x.Provider);
        return far
            ? Tier(Leaves(0).Where(n => !_lattice.IsWithin(n, parent)), true).Take(4)
            : Tier([node], true).OrderBy(p => HiddenFirst(Cell(p, period))).Take(4)
                .Concat(Tier([node], false).OrderBy(p => HiddenFirst(Cell(p, period))).Take(2))
                .Concat(Tier(_lattice.Nodes[parent].Children.Where(n => n != node), true).OrderBy(p => HiddenFirst(Cell(p, period))).Take(6))
                .Concat(Tier(_lattice.Nodes[parent].Children.Where(n => n != node), false).OrderBy(p => HiddenFirst(Cell(p, period))).Take(2));
    }

    /// <summary>
    /// Rectangles around a provider inside the cell: another sector's provider beside it (in its soum,
    /// or another soum of its aimag), and a soum with providers of both sectors: near, of the same
    /// aimag; far, of another aimag.
    /// </summary>
    private IEnumerable<(int Provider, int Weight)[]> Rectangles(int area, int inside, int period, bool far)
    {
        var (node, sector, own) = (_lattice.Providers[inside].Node, _lattice.Providers[inside].Sector, Mask(inside, period));
        var parent = _lattice.Nodes[node].Parent;
        var withinAimag = _lattice.IsProviderArea(area) || _lattice.Nodes[_lattice.NodeOf(area)].Level is FigureLevel.Soum or FigureLevel.AimagBodies;
        if (!far && !withinAimag) yield break;

        // Another sector's provider of the same soum (the soum's total then stays as it is), else of another soum of the aimag.
        IEnumerable<int> OtherSector(IEnumerable<int> nodes) => nodes.SelectMany(n => _lattice.Nodes[n].Providers)
            .Where(p => _lattice.Providers[p].Sector != sector && !Contains(area, p) && Cell(p, period) >= 0 && CanMove(own, Mask(p, period)))
            .OrderBy(p => HiddenFirst(Cell(p, period)));
        var beside = OtherSector([node]).Take(2).Concat(OtherSector(_lattice.Nodes[parent].Children.Where(n => n != node)).Take(2)).ToList();
        var places = far ? Leaves(0).Where(n => !_lattice.IsWithin(n, parent)).Take(60) : _lattice.Nodes[parent].Children.Where(n => n != node);
        foreach (var second in beside)
        {
            var otherSector = _lattice.Providers[second].Sector;
            foreach (var place in places)
            {
                // The corners' scores must allow one move: from a score of the plus corners to one of the minus corners, across the satisfied line.
                var providers = _lattice.Nodes[place].Providers.Where(p => Cell(p, period) >= 0).ToList();
                var pick = providers.Where(p => _lattice.Providers[p].Sector == sector)
                    .SelectMany(same => providers.Where(p => _lattice.Providers[p].Sector == otherSector).Select(other => (Same: same, Other: other)))
                    .Where(c => CanMove(own & Mask(c.Other, period), Mask(second, period) & Mask(c.Same, period)))
                    .Select(c => ((int Same, int Other)?)c).FirstOrDefault();
                if (pick is { } corners) yield return [(inside, 1), (second, -1), (corners.Same, -1), (corners.Other, 1)];
            }
        }
    }

    private int Mask(int provider, int period) => _lattice.ScoreMask(Cell(provider, period));

    /// <summary>Whether one response can move from a score in <paramref name="plus"/> to one in <paramref name="minus"/> across the satisfied line.</summary>
    private static bool CanMove(int plus, int minus) => Moves.Any(m => (plus & (1 << m.From)) != 0 && (minus & (1 << m.To)) != 0);

    /// <summary>The areas whose responses change when responses are added (weight 1) or taken (-1) at these providers.</summary>
    private (int Area, int Sign)[] Combine(IEnumerable<(int Provider, int Weight)> providers)
    {
        var sums = new Dictionary<int, int>();
        foreach (var (provider, weight) in providers)
        {
            foreach (var area in _lattice.AreasContaining(provider)) sums[area] = sums.GetValueOrDefault(area) + weight;
        }

        // A move of two responses through one area would need two to move there: not one of the shapes tried.
        return sums.Values.Any(v => Math.Abs(v) > 1) ? [] : [.. sums.Where(s => s.Value != 0).Select(s => (s.Key, s.Value))];
    }

    /// <summary>
    /// What hiding a shown cell costs readers: its responses, weighted by how much the cell matters —
    /// the nation's figures most, then an aimag's, a soum's, a provider's; a whole area's total more
    /// than one sector or one group of it.
    /// </summary>
    private long Cost(int cell)
    {
        var (area, _, slice) = _lattice.Coordinates(cell);
        var level = _lattice.IsProviderArea(area) ? 1 : _lattice.Nodes[_lattice.NodeOf(area)].Level switch
        {
            FigureLevel.National => 8,
            FigureLevel.Aimag => 4,
            _ => 2,
        };
        var total = slice == FigureLattice.Everyone && _lattice.SectorOf(area) <= 0 ? 2 : 1;
        return (long)_lattice.N(cell) * level * total;
    }

    private int HiddenFirst(int cell) => IsHidden(cell) || _state[cell] == CellState.Unpublished ? 0 : 1 + Math.Min(_lattice.N(cell), 1_000_000);

    private bool Contains(int area, int provider) => _lattice.IsProviderArea(area)
        ? area == _lattice.ProviderArea(provider)
        : _lattice.IsWithin(_lattice.Providers[provider].Node, _lattice.NodeOf(area))
            && (_lattice.SectorOf(area) == 0 || _lattice.SectorOf(area) == _lattice.Providers[provider].Sector + 1);

    private IEnumerable<int> ProvidersIn(int area) => _lattice.IsProviderArea(area)
        ? [area - _lattice.ProviderAreaBase]
        : Leaves(_lattice.NodeOf(area)).SelectMany(n => _lattice.Nodes[n].Providers).Where(p => Contains(area, p));

    private int AimagOf(int node) => _lattice.Nodes[node].Level == FigureLevel.Aimag ? node : _lattice.Nodes[node].Parent;

    /// <summary>The soums and aimag-level bodies at or below a node.</summary>
    private IEnumerable<int> Leaves(int node) => _lattice.Nodes[node].Children.Count == 0
        ? [node]
        : _lattice.Nodes[node].Children.SelectMany(Leaves);

    private static (int Area, int Sign)[] Difference(List<int> plus, List<int> minus) =>
        [.. plus.Except(minus).Select(a => (a, 1)), .. minus.Except(plus).Select(a => (a, -1))];
}
