namespace Masam.Web.Features.Figures;

/// <summary>The level of the area a published figure is for (wire names: <c>national</c>, <c>aimag</c>, <c>aimag-bodies</c>, <c>soum</c>, <c>provider</c>).</summary>
public enum FigureLevel
{
    National,

    /// <summary>An aimag or the capital.</summary>
    Aimag,

    /// <summary>The providers that belong to an aimag (or the capital) itself rather than to one of its soums or districts, together.</summary>
    AimagBodies,

    /// <summary>A soum or a district.</summary>
    Soum,

    Provider,
}
