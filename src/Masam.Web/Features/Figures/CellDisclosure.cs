namespace Masam.Web.Features.Figures;

/// <summary>Whether a published cell shows its figures, and if not, why (wire names: <c>shown</c>, <c>small-cell</c>, <c>complementary</c>, <c>no-data</c>, <c>held</c>, <c>withheld</c>).</summary>
public enum CellDisclosure
{
    Shown,

    /// <summary>Fewer responses than the threshold: too few people to protect.</summary>
    SmallCell,

    /// <summary>Hidden so that no small cell can be worked out from the published figures together.</summary>
    Complementary,

    /// <summary>No responses at all: nothing to show, and nothing hidden.</summary>
    NoData,

    /// <summary>A provider's figure an analyst holds for review (signals of stuffing, or of fudged visit data).</summary>
    Held,

    /// <summary>A provider's figure withheld after review: the hold was confirmed.</summary>
    Withheld,
}
