using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Figures.Protection;

/// <summary>
/// Turns the stored counts of a year into its published figures (<see cref="PublishedCell"/>):
/// only the quarters that have ended, and the year once it has ended, so that a figure, once out,
/// does not change as new responses come in (a figure that grew by one response between two looks
/// would give that response away). It builds the year's <see cref="FigureLattice"/> from the
/// counts, lets <see cref="LinkedSuppression"/> decide what is shown, keeping what earlier runs
/// published where the counts have not changed, gives the shown area totals their weighted rate
/// (<see cref="Weighting.PublishedWeights"/>, from the shown figures only), and replaces the year's
/// rows. Runs inside the aggregation's transaction.
/// </summary>
public sealed class FigurePublisher(
    MasamDbContext db, IOptions<FigureOptions> options, Weighting.PopulationMargins population, ILogger<FigurePublisher> logger, IEnumerable<IHeldFigures> holds)
{
    /// <summary>Whether a quarter (1-4) of a year has ended by <paramref name="asOf"/> (in Mongolia).</summary>
    public static bool HasEnded(int year, int quarter, DateTime asOf) =>
        Infrastructure.MongolianTime.MonthOf(asOf) >= new DateOnly(year, (quarter - 1) * 3 + 1, 1).AddMonths(3);

    /// <summary>The years whose published figures a change in these months, or the end of a quarter between the two moments, affects.</summary>
    public static IEnumerable<int> YearsAffected(IEnumerable<DateOnly> changedMonths, DateTime? from, DateTime to)
    {
        var years = changedMonths.Where(m => HasEnded(m.Year, (m.Month - 1) / 3 + 1, to)).Select(m => m.Year).ToHashSet();
        if (from is { } since && Infrastructure.MongolianTime.MonthOf(since) is var before && Infrastructure.MongolianTime.MonthOf(to) is var now && before != now)
        {
            for (var month = before; month < now; month = month.AddMonths(1))
            {
                if (HasEnded(month.Year, (month.Month - 1) / 3 + 1, to)) years.Add(month.Year);
            }
        }

        return years.Order();
    }

    /// <summary>Republishes the given years as of <paramref name="asOf"/>; with <paramref name="reset"/> (the disclosure method or its threshold changed), earlier decisions are not kept; otherwise each is kept where the cell's counts have not changed, whatever else the counting method changed.</summary>
    public async Task<PublicationSummary> PublishAsync(IEnumerable<int> years, DateTime asOf, bool reset, CancellationToken ct)
    {
        var summary = new PublicationSummary();
        var structure = await Structure.LoadAsync(db, ct);
        var weights = await Weighting.PublishedWeights.LoadAsync(db, population, ct);
        foreach (var year in years)
        {
            var quarters = Enumerable.Range(1, 4).Where(q => HasEnded(year, q, asOf)).ToList();
            var previous = reset ? [] : await db.PublishedCells.AsNoTracking().Where(c => c.Year == year)
                .Select(c => new { c.Period, c.Level, c.UnitCode, c.ProviderId, c.Dimension, c.Value, c.Disclosure, c.Fingerprint })
                .ToDictionaryAsync(c => (c.Period, c.Level, c.UnitCode, c.ProviderId, c.Dimension, c.Value), c => (c.Disclosure, c.Fingerprint), ct);
            await db.PublishedCells.Where(c => c.Year == year).ExecuteDeleteAsync(ct);
            if (quarters.Count == 0) continue;

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var lattice = await BuildAsync(structure, year, quarters, ct);
            var map = new CellMap(lattice);
            var held = await HeldAsync(map, year, ct);
            var engine = new LinkedSuppression(lattice, options.Value.SuppressionThreshold, cell =>
            {
                var key = map.Key(cell);
                // A figure held earlier is decided afresh: its hold may have been released.
                return !previous.TryGetValue(key, out var before) || before.Fingerprint != PublishedCell.FingerprintOf(lattice.Histogram(cell))
                    || before.Disclosure is CellDisclosure.Held or CellDisclosure.Withheld
                    ? PreviousDecision.None
                    : before.Disclosure == CellDisclosure.Shown ? PreviousDecision.Shown : PreviousDecision.Hidden;
            }, cell => held(cell) is not null);
            var built = watch.Elapsed;
            engine.Run(options.Value.LinkedProtection);
            var decided = watch.Elapsed;

            var rows = Enumerable.Range(0, lattice.CellCount).Where(engine.IsPublished).Select(cell => map.Row(cell,
                held(cell) is { } confirmed ? confirmed ? CellDisclosure.Withheld : CellDisclosure.Held
                : engine.IsPrimary(cell) ? CellDisclosure.SmallCell : engine.IsHidden(cell) ? CellDisclosure.Complementary : CellDisclosure.Shown)).ToList();
            weights.Attach(rows);
            await TableInserter<PublishedCell>.InsertAllAsync(db, rows.OrderBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.Level)
                .ThenBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.ProviderId).ThenBy(r => r.Dimension, StringComparer.Ordinal)
                .ThenBy(r => r.Value, StringComparer.Ordinal), ct);

            var published = Enumerable.Range(0, lattice.CellCount).Count(engine.IsPublished);
            var primary = Enumerable.Range(0, lattice.CellCount).Count(engine.IsPrimary);
            var hidden = Enumerable.Range(0, lattice.CellCount).Count(engine.IsHidden);
            summary.Add(published, primary, hidden - primary, engine.Withdrawn);
            logger.LogInformation("Published {Year} (quarters {Quarters}{Whole}): {Cells} cells, {Primary} small, {Secondary} hidden to protect them, {Withdrawn} withdrawn; " +
                "built in {Built:F2} s, decided in {Decided:F2} s, written in {Written:F2} s",
                year, string.Join(",", quarters), lattice.YearPublished ? " and the year" : "", published, primary, hidden - primary, engine.Withdrawn,
                built.TotalSeconds, (decided - built).TotalSeconds, (watch.Elapsed - decided).TotalSeconds);
            if (engine.Withdrawn > 0)
            {
                logger.LogWarning("{Withdrawn} figures of {Year} published as shown earlier had to be hidden to protect a changed small cell", engine.Withdrawn, year);
            }
        }

        return summary;
    }

    /// <summary>
    /// Whether an analyst holds a cell (null: not held; true: the hold was confirmed): a provider's
    /// quarter held, and its year when any of its quarters is.
    /// </summary>
    private async Task<Func<int, bool?>> HeldAsync(CellMap map, int year, CancellationToken ct)
    {
        var held = new Dictionary<(int, string), bool>();
        foreach (var source in holds)
        {
            foreach (var (key, confirmed) in await source.OfYearAsync(year, ct))
            {
                held[key] = confirmed;
                var whole = (key.ProviderId, year.ToString(CultureInfo.InvariantCulture));
                held[whole] = held.GetValueOrDefault(whole) || confirmed;
            }
        }

        return cell => held.Count > 0 && map.Key(cell) is { Level: FigureLevel.Provider } key && held.TryGetValue((key.ProviderId, key.Period), out var confirmed) ? confirmed : null;
    }

    /// <summary>The lattice of a year's ended quarters: every provider with responses, the soums, aimags and sectors above it.</summary>
    private async Task<FigureLattice> BuildAsync(Structure structure, int year, List<int> quarters, CancellationToken ct)
    {
        var rows = new List<CountRow>();
        foreach (var quarter in quarters)
        {
            var months = Enumerable.Range(0, 3).Select(i => new DateOnly(year, (quarter - 1) * 3 + 1 + i, 1)).ToList();
            var sums = await db.FeedbackCounts.AsNoTracking().Where(c => months.Contains(c.Month))
                .GroupBy(c => new { c.ProviderId, c.Dimension, c.Value })
                .Select(g => new { g.Key.ProviderId, g.Key.Dimension, g.Key.Value, C1 = g.Sum(c => c.C1), C2 = g.Sum(c => c.C2), C3 = g.Sum(c => c.C3), C4 = g.Sum(c => c.C4), C5 = g.Sum(c => c.C5) })
                .ToListAsync(ct);
            rows.AddRange(sums.Where(s => structure.Providers.ContainsKey(s.ProviderId))
                .Select(s => new CountRow(quarter, structure.Providers[s.ProviderId], s.Dimension, s.Value, [s.C1, s.C2, s.C3, s.C4, s.C5])));
        }

        return LatticeBuilder.Build(year, quarters.Count == 4, structure.Sectors, rows);
    }

    /// <summary>Where every provider sits, and the sectors.</summary>
    private sealed record Structure(Dictionary<int, ProviderPlace> Providers, string[] Sectors)
    {
        public static async Task<Structure> LoadAsync(MasamDbContext db, CancellationToken ct)
        {
            var providers = await db.Providers.AsNoTracking()
                .Select(p => new { p.Id, Sector = p.Type!.SectorCode, p.AdminUnit!.Code, p.AdminUnit.Level, ParentCode = p.AdminUnit.Parent == null ? null : p.AdminUnit.Parent.Code })
                .ToListAsync(ct);
            // A provider of an aimag itself (its hospital, say) belongs to the aimag's bodies, a node beside its soums.
            var places = providers.ToDictionary(p => p.Id, p => p.Level == AdminUnitLevel.First
                ? new ProviderPlace(p.Id, FigureLevel.AimagBodies, p.Code, p.Code, p.Sector)
                : new ProviderPlace(p.Id, FigureLevel.Soum, p.Code, p.ParentCode!, p.Sector));
            var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Code).Select(s => s.Code).ToArrayAsync(ct);
            return new Structure(places, sectors);
        }
    }

    /// <summary>Where each cell of the lattice goes in <see cref="PublishedCell"/>.</summary>
    internal sealed class CellMap(FigureLattice lattice)
    {
        public (string Period, FigureLevel Level, string UnitCode, int ProviderId, string Dimension, string Value) Key(int cell)
        {
            var (area, period, slice) = lattice.Coordinates(cell);
            var periodName = period == FigureLattice.YearPeriod
                ? lattice.Year.ToString(CultureInfo.InvariantCulture)
                : FigurePeriod.Quarter(lattice.Year, period).Name;
            if (lattice.IsProviderArea(area))
            {
                var provider = lattice.Providers[area - lattice.ProviderAreaBase];
                return (periodName, FigureLevel.Provider, lattice.Nodes[provider.Node].Code, provider.Id, PublishedFigures.Everyone, "");
            }

            var node = lattice.Nodes[lattice.NodeOf(area)];
            var sector = lattice.SectorOf(area);
            var (dimension, value) = sector > 0 ? (PublishedFigures.SectorDimension, lattice.Sectors[sector - 1]) : (lattice.Slices[slice].Dimension, lattice.Slices[slice].Value);
            return (periodName, node.Level, node.Code, 0, dimension, value);
        }

        public PublishedCell Row(int cell, CellDisclosure disclosure)
        {
            var key = Key(cell);
            var counts = lattice.Histogram(cell);
            var shown = disclosure == CellDisclosure.Shown;
            var (area, _, _) = lattice.Coordinates(cell);
            var node = lattice.Nodes[lattice.NodeOf(area)];
            return new PublishedCell
            {
                Period = key.Period, Year = lattice.Year, Level = key.Level, UnitCode = key.UnitCode, ProviderId = key.ProviderId,
                Dimension = key.Dimension, Value = key.Value,
                AimagCode = node.Level == FigureLevel.National ? null : node.Level == FigureLevel.Aimag ? node.Code : lattice.Nodes[node.Parent].Code,
                SectorCode = key.Level == FigureLevel.Provider ? lattice.Sectors[lattice.Providers[area - lattice.ProviderAreaBase].Sector] : null,
                Disclosure = disclosure, Fingerprint = PublishedCell.FingerprintOf(counts),
                C1 = shown ? counts[0] : null, C2 = shown ? counts[1] : null, C3 = shown ? counts[2] : null, C4 = shown ? counts[3] : null, C5 = shown ? counts[4] : null,
            };
        }
    }
}

/// <summary>What a publishing step did, for the aggregation run's record and the log.</summary>
public sealed class PublicationSummary
{
    public int Cells { get; private set; }
    public int Small { get; private set; }
    public int Complementary { get; private set; }
    public int Withdrawn { get; private set; }

    public void Add(int cells, int small, int complementary, int withdrawn) =>
        (Cells, Small, Complementary, Withdrawn) = (Cells + cells, Small + small, Complementary + complementary, Withdrawn + withdrawn);
}
