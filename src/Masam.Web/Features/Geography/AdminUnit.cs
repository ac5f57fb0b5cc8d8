namespace Masam.Web.Features.Geography;

/// <summary>An administrative unit, keyed on its National Statistics Office code.</summary>
public sealed class AdminUnit
{
    public int Id { get; set; }

    /// <summary>NSO code: <c>181</c> for an aimag or the capital, <c>MN18101</c> for a soum or district.</summary>
    public required string Code { get; set; }

    public AdminUnitLevel Level { get; set; }
    public AdminUnitKind Kind { get; set; }
    public int? ParentId { get; set; }
    public AdminUnit? Parent { get; set; }
    public List<AdminUnit> Children { get; set; } = [];

    /// <summary>Codes of the unit and its ancestors, <c>/181/MN18101/</c>, so that a subtree is one prefix match.</summary>
    public required string Path { get; set; }

    public required string NameMn { get; set; }
    public required string NameEn { get; set; }

    /// <summary>OCHA P-code (<c>MN81</c>), where known.</summary>
    public string? PCode { get; set; }

    /// <summary>ISO 3166-2 code (<c>MN-057</c>), where known.</summary>
    public string? IsoCode { get; set; }

    public int? Population { get; set; }
    public int? PopulationYear { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>Folded names and spellings, see <see cref="NameFolding"/>.</summary>
    public required string SearchKey { get; set; }

    /// <summary>The code of the aimag (or the capital) a unit lies in, from its <see cref="Path"/>: <c>/181/MN18101/</c> gives <c>181</c>.</summary>
    public static string AimagOf(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
}

public enum AdminUnitLevel
{
    /// <summary>Aimag or the capital.</summary>
    First = 1,

    /// <summary>Soum or district (düüreg).</summary>
    Second = 2,
}

public enum AdminUnitKind
{
    Aimag,
    Capital,
    Soum,
    District,
}
