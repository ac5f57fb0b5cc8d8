namespace Masam.Web.Features.Figures;

/// <summary>Whether a published cell shows its figures, and if not, why (wire names: <c>shown</c>, <c>small-cell</c>, <c>complementary</c>, <c>no-data</c>).</summary>
public enum CellDisclosure
{
    Shown,

    /// <summary>Fewer responses than the threshold: too few people to protect.</summary>
    SmallCell,

    /// <summary>Hidden so that no small cell can be worked out from the published figures together.</summary>
    Complementary,

    /// <summary>No responses at all: nothing to show, and nothing hidden.</summary>
    NoData,
}
