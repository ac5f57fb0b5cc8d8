namespace Masam.Web.Features.Figures.Protection;

/// <summary>
/// Decides which cells of a <see cref="FigureLattice"/> are shown. A cell with fewer responses than
/// the threshold is hidden (primary suppression). Then, for each of them, more cells are hidden
/// until a <see cref="ProtectionCertificate"/> exists: another set of figures that agrees with
/// everything shown, in every relation at once, and differs in the small cell's scores. The
/// certificate is a product of three simple moves, one along each axis of the lattice:
/// <list type="bullet">
/// <item>areas: a response moved from a provider inside the cell's area to one outside it (or one
/// more response at a provider, which changes every area above it);</item>
/// <item>periods: moved from the cell's quarter to another quarter of the year (or one more in the
/// quarter, which changes the year);</item>
/// <item>slices: moved from the cell's value of a dimension to another value (or one more response,
/// which changes everyone and one value of every dimension).</item>
/// </list>
/// Each such move keeps every sum along its own axis, so their product keeps every relation of
/// the lattice; the cells it touches are the ones that must be hidden. The search tries the
/// candidates nearest the cell (a provider in the same soum and sector, a soum of the same aimag,
/// another quarter of the year) and keeps the one that hides the fewest responses not hidden
/// already. Cells already published as shown and unchanged stay shown (a reader has them), and
/// cells published as hidden and unchanged stay hidden, so that figures stay the same from one run
/// to the next.
/// </summary>
internal sealed partial class LinkedSuppression
{
    private const int AllScores = 0b111110;

    /// <summary>Moves that cross the satisfied line, so that both the score sum and the satisfied count change.</summary>
    private static readonly (int From, int To)[] Moves =
        [(3, 4), (4, 3), (2, 4), (4, 2), (1, 4), (4, 1), (3, 5), (5, 3), (2, 5), (5, 2), (1, 5), (5, 1)];

    private readonly FigureLattice _lattice;
    private readonly int _threshold;
    private readonly CellState[] _state;
    private readonly List<ProtectionCertificate> _certificates = [];

    /// <param name="held">Cells an analyst holds from publication: hidden and protected as a small cell is.</param>
    public LinkedSuppression(FigureLattice lattice, int threshold, Func<int, PreviousDecision> previous, Func<int, bool>? held = null)
    {
        _lattice = lattice;
        _threshold = threshold;
        _state = new CellState[lattice.CellCount];
        for (var cell = 0; cell < lattice.CellCount; cell++)
        {
            var (_, period, _) = lattice.Coordinates(cell);
            if (!lattice.IsPublished(period))
            {
                _state[cell] = CellState.Unpublished;
                continue;
            }

            var n = lattice.N(cell);
            _state[cell] = n < threshold || held?.Invoke(cell) == true ? CellState.Primary : previous(cell) switch
            {
                PreviousDecision.Shown => CellState.Locked,
                PreviousDecision.Hidden => CellState.Secondary,
                _ => CellState.Shown,
            };
        }
    }

    public IReadOnlyList<ProtectionCertificate> Certificates => _certificates;

    /// <summary>How many shown cells, kept shown from an earlier run, had to be hidden because nothing else could protect a new small cell.</summary>
    public int Withdrawn { get; private set; }

    public bool IsHidden(int cell) => _state[cell] is CellState.Primary or CellState.Secondary;

    public bool IsPrimary(int cell) => _state[cell] == CellState.Primary;

    public bool IsPublished(int cell) => _state[cell] != CellState.Unpublished;

    /// <summary>Hides cells until every small cell has a certificate; with <paramref name="linked"/> off, only the small cells are hidden.</summary>
    public void Run(bool linked)
    {
        if (!linked) return;

        var primaries = Enumerable.Range(0, _lattice.CellCount).Where(IsPrimary)
            .OrderBy(c => Depth(_lattice.Coordinates(c).Area)).ThenByDescending(c => _lattice.N(c)).ToList();
        foreach (var cell in primaries)
        {
            // Last, one more response in the cell and in everything above it always works, if it must take back a figure shown before.
            var certificate = Search(cell, respectLocks: true, exhaustive: false) ?? Search(cell, respectLocks: false, exhaustive: true)
                ?? throw new InvalidOperationException($"No protection found for cell {_lattice.Coordinates(cell)}: the lattice is inconsistent.");
            foreach (var (member, _) in certificate.Signs)
            {
                if (_state[member] == CellState.Locked) Withdrawn++;
                if (_state[member] is CellState.Shown or CellState.Locked) _state[member] = CellState.Secondary;
            }

            _certificates.Add(certificate);
        }
    }

    private int Depth(int area) => _lattice.IsProviderArea(area) ? 4 : (int)_lattice.Nodes[_lattice.NodeOf(area)].Level;

    /// <summary>
    /// Branch and bound over the candidate moves: each is bounded below by the responses in the cells
    /// it must hide for everyone (the dimension values it also needs only add to that), the
    /// candidates are tried cheapest bound first, and the search stops when no bound left can beat
    /// the best certificate found.
    /// </summary>
    private ProtectionCertificate? Search(int cell, bool respectLocks, bool exhaustive)
    {
        var (area, period, slice) = _lattice.Coordinates(cell);
        Candidate? best = null;
        // Near moves first (within the soum and aimag); the far ones only when the near ones all hide something more.
        foreach (var far in exhaustive ? [true] : new[] { false, true })
        {
            var bounded = Candidates(area, period, slice, exhaustive, far)
                .Select(c => (Move: c, Bound: Bound(c.Areas, c.Periods, c.Slices, respectLocks)))
                .Where(c => c.Bound < (best?.Cost ?? long.MaxValue))
                .OrderBy(c => c.Bound).ToList();
            foreach (var (move, bound) in bounded)
            {
                if (best is not null && bound >= best.Cost) break;
                var candidate = Evaluate(cell, move.Areas, move.Periods, move.Slices, respectLocks);
                if (candidate is not null && (best is null || candidate.Cost < best.Cost)) best = candidate;
            }

            if (best is { Cost: 0 }) break;
        }

        return best?.Certificate(cell);
    }

    private sealed record Move((int Area, int Sign)[] Areas, (int Period, int Sign)[] Periods, SliceMove Slices);

    private IEnumerable<Move> Candidates(int area, int period, int slice, bool exhaustive, bool far)
    {
        var nodeMoves = slice == FigureLattice.Everyone || exhaustive || far ? [] : NodeMoves(area, period, slice).SelectMany(move =>
            // Another value of the dimension that the aimag has in the period, hidden ones first.
            _lattice.Partitions[_lattice.PartitionOf[slice]].Where(s => s != slice)
                .Select(s => (Slice: s, Cell: _lattice.Find(_lattice.AreaOf(move.Inside), period, s))).Where(x => x.Cell >= 0)
                .OrderBy(x => HiddenFirst(x.Cell)).Take(6).Select(x => (move.Areas, Slices: new SliceMove(slice, x.Slice)))).ToList();
        var providerMoves = ProviderMoves(area, period, slice, exhaustive, far).Where(a => a.Length > 0).ToList();
        foreach (var periods in PeriodMoves(period))
        {
            foreach (var (areas, slices) in nodeMoves) yield return new Move(areas, periods, slices);
            foreach (var areas in providerMoves) yield return new Move(areas, periods, new SliceMove(slice, -1));
        }
    }

    /// <summary>The responses in shown cells a move must hide whatever else it needs; <see cref="long.MaxValue"/> when it cannot work.</summary>
    private long Bound((int Area, int Sign)[] areas, (int Period, int Sign)[] periods, SliceMove slices, bool respectLocks)
    {
        var bound = 0L;
        (int Slice, int Sign)[] fixedSlices = slices.To >= 0 ? [(slices.From, 1), (slices.To, -1)] : [(FigureLattice.Everyone, 1), (slices.From, 1)];
        foreach (var (area, _) in areas)
        {
            foreach (var (slice, _) in fixedSlices)
            {
                if (slice != FigureLattice.Everyone && !_lattice.HasSlices(area)) continue;
                foreach (var (period, _) in periods)
                {
                    if (!_lattice.IsPublished(period)) continue;
                    var cell = _lattice.Find(area, period, slice);
                    if (cell < 0 || (respectLocks && _state[cell] == CellState.Locked)) return long.MaxValue;
                    if (!IsHidden(cell)) bound += Cost(cell);
                }
            }
        }

        return bound;
    }

    /// <summary>A slice move: from <see cref="From"/> to <see cref="To"/> in one dimension, or (To = -1) one more response in <see cref="From"/>'s dimension value (everyone when From is 0).</summary>
    private readonly record struct SliceMove(int From, int To);

    private sealed record Candidate(int From, int To, List<(int Cell, int Sign)> Signs, long Cost)
    {
        public ProtectionCertificate Certificate(int cell) => new(cell, From, To, Signs);
    }

    /// <summary>
    /// The cells a product of moves touches, whether they can all be hidden and give up the
    /// responses the move needs, and what hiding them costs (the responses in cells not hidden yet).
    /// For a move that adds a response to everyone, the value of each other dimension that it also
    /// adds to is chosen here, the cheapest that works.
    /// </summary>
    private Candidate? Evaluate(int target, (int Area, int Sign)[] areas, (int Period, int Sign)[] periods, SliceMove slices, bool respectLocks)
    {
        var fixedSlices = slices.To >= 0 ? [(slices.From, 1), (slices.To, -1)] : slices.From == FigureLattice.Everyone ? [] : new[] { (slices.From, 1) };
        var baseSlices = slices.To >= 0 ? fixedSlices : [(FigureLattice.Everyone, 1), .. fixedSlices];
        var members = new List<(int Cell, int Sign)>();
        var (plusMask, minusMask, cost) = (AllScores, AllScores, 0L);
        if (!Collect(areas, periods, baseSlices, respectLocks, members, ref plusMask, ref minusMask, ref cost)) return null;
        if (!members.Exists(m => m.Cell == target)) return null;

        // One more response to everyone is one more to a value of every dimension, wherever the areas carry dimensions.
        var open = slices.To >= 0 || !areas.Any(a => _lattice.HasSlices(a.Area))
            ? []
            : _lattice.Partitions.Where((_, p) => slices.From == FigureLattice.Everyone || p != _lattice.PartitionOf[slices.From]).ToList();
        var options = open.Select(partition => partition.Select(value =>
        {
            var picked = new List<(int Cell, int Sign)>();
            var (plus, minus, extra) = (AllScores, AllScores, 0L);
            var ok = Collect(areas, periods, [(value, 1)], respectLocks, picked, ref plus, ref minus, ref extra);
            return (Ok: ok, Plus: plus, Minus: minus, Cost: extra, Members: picked);
        }).Where(o => o.Ok).ToList()).ToList();
        if (options.Exists(o => o.Count == 0)) return null;

        Candidate? best = null;
        foreach (var (from, to) in Moves)
        {
            if ((plusMask & (1 << from)) == 0 || (minusMask & (1 << to)) == 0) continue;
            var total = cost;
            var chosen = new List<(int Cell, int Sign)>(members);
            var feasible = true;
            foreach (var choices in options)
            {
                var pick = choices.Where(o => (o.Plus & (1 << from)) != 0 && (o.Minus & (1 << to)) != 0).OrderBy(o => o.Cost).FirstOrDefault();
                if (pick.Members is null)
                {
                    feasible = false;
                    break;
                }

                total += pick.Cost;
                chosen.AddRange(pick.Members);
            }

            if (feasible && (best is null || total < best.Cost)) best = new Candidate(from, to, chosen, total);
        }

        return best;
    }

    /// <summary>Adds the cells of areas × periods × slices; false when one of them is shown and must stay so, or does not exist.</summary>
    private bool Collect((int Area, int Sign)[] areas, (int Period, int Sign)[] periods, (int Slice, int Sign)[] slices, bool respectLocks,
        List<(int Cell, int Sign)> members, ref int plusMask, ref int minusMask, ref long cost)
    {
        foreach (var (area, areaSign) in areas)
        {
            foreach (var (slice, sliceSign) in slices)
            {
                if (slice != FigureLattice.Everyone && !_lattice.HasSlices(area)) continue;
                foreach (var (period, periodSign) in periods)
                {
                    var cell = _lattice.Find(area, period, slice);
                    if (!_lattice.IsPublished(period))
                    {
                        if (cell >= 0) members.Add((cell, areaSign * periodSign * sliceSign));
                        continue;
                    }

                    if (cell < 0 || (respectLocks && _state[cell] == CellState.Locked)) return false;
                    var sign = areaSign * periodSign * sliceSign;
                    members.Add((cell, sign));
                    if (sign > 0) plusMask &= _lattice.ScoreMask(cell);
                    else minusMask &= _lattice.ScoreMask(cell);
                    if (!IsHidden(cell)) cost += Cost(cell);
                }
            }
        }

        return true;
    }

    private enum CellState : byte
    {
        Shown,
        Locked,
        Primary,
        Secondary,
        Unpublished,
    }
}

/// <summary>What an earlier run published for a cell whose counts have not changed since.</summary>
internal enum PreviousDecision
{
    None,
    Shown,
    Hidden,
}
