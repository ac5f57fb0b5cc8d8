namespace Masam.Web.Features.Figures;

/// <summary>Whether a published cell shows its figures, and if not, why.</summary>
public enum CellDisclosure
{
    Shown,

    /// <summary>Fewer responses than the threshold: too few people to protect.</summary>
    SmallCell,

    /// <summary>Hidden so that a small cell cannot be worked out from a total and its siblings.</summary>
    Complementary,

    /// <summary>No responses at all: nothing to show, and nothing hidden.</summary>
    NoData,
}

/// <summary>
/// Disclosure control for published figures. A cell with fewer responses than the threshold is
/// suppressed; and where siblings add up to a published total, one suppressed sibling alone would
/// be total minus the others, so the next smallest shown sibling is suppressed with it.
/// </summary>
public static class Disclosure
{
    public const int DefaultThreshold = 10;

    public static CellDisclosure Primary(int n, int threshold) =>
        n == 0 ? CellDisclosure.NoData : n < threshold ? CellDisclosure.SmallCell : CellDisclosure.Shown;

    /// <summary>
    /// The disclosure of each of a set of sibling cells whose total is published (the gender cells
    /// of one provider and period, say), in the order given.
    /// </summary>
    public static CellDisclosure[] Siblings(IReadOnlyList<int> counts, int threshold)
    {
        var result = counts.Select(n => Primary(n, threshold)).ToArray();
        var suppressed = result.Count(d => d == CellDisclosure.SmallCell);
        if (suppressed == 1)
        {
            // The smallest cell still shown goes too, so that the pair can only be known together.
            var partner = Enumerable.Range(0, counts.Count)
                .Where(i => result[i] == CellDisclosure.Shown)
                .OrderBy(i => counts[i]).ThenBy(i => i)
                .Cast<int?>()
                .FirstOrDefault();
            if (partner is { } index)
            {
                result[index] = CellDisclosure.Complementary;
            }
        }

        return result;
    }
}
