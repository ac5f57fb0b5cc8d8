using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.QueryFeed;

// The shapes the OData feed publishes: chosen fields only, never an entity as it is stored, so
// that nothing private reaches the feed by a property added later.

/// <summary>An aimag, the capital, a soum or a district, keyed on its NSO code.</summary>
public sealed class AdminUnitRow
{
    [Key]
    public required string Code { get; set; }

    public required string NameMn { get; set; }
    public required string NameEn { get; set; }

    /// <summary>1 for an aimag or the capital, 2 for a soum or district.</summary>
    public int Level { get; set; }

    /// <summary><c>aimag</c>, <c>capital</c>, <c>soum</c> or <c>district</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The NSO code of the aimag or the capital it lies in; none for an aimag or the capital.</summary>
    public string? ParentCode { get; set; }

    /// <summary>The OCHA P-code, to join humanitarian data sets; the ISO 3166-2 code for aimags.</summary>
    public string? PCode { get; set; }
    public string? IsoCode { get; set; }

    /// <summary>Residents as the NSO counted them in <see cref="PopulationYear"/>, where known.</summary>
    public int? Population { get; set; }
    public int? PopulationYear { get; set; }

    /// <summary>Since and until when the unit exists as coded (boundaries change): no end while it does.</summary>
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>The aimag or the capital a soum or district lies in (expand with <c>$expand=Parent</c>).</summary>
    public AdminUnitRow? Parent { get; set; }
}

public sealed class ProviderRow
{
    [Key]
    public int Id { get; set; }

    public required string Code { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
    public required string TypeCode { get; set; }
    public required string SectorCode { get; set; }

    /// <summary>The soum or district (or, for an aimag-level body, the aimag).</summary>
    public required string AdminUnitCode { get; set; }

    /// <summary>The aimag or the capital.</summary>
    public required string AimagCode { get; set; }

    public string? RegistrationNumber { get; set; }
    public bool IsActive { get; set; }
    public bool IsDemo { get; set; }
    public AdminUnitRow? AdminUnit { get; set; }
}

public sealed class ServiceLineRow
{
    [Key]
    public required string Code { get; set; }

    public required string SectorCode { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
}

/// <summary>A response action, with the fields the public pages show.</summary>
public sealed class ResponseActionRow
{
    [Key]
    public int Id { get; set; }

    public required string Title { get; set; }
    public required string AdminUnitCode { get; set; }
    public int? ProviderId { get; set; }
    public DateOnly DueOn { get; set; }
    public required string Status { get; set; }
    public int ProgressPercent { get; set; }
    public decimal? CostMnt { get; set; }
    public string? FundingSource { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int? ScorecardCycleId { get; set; }
    public bool IsDemo { get; set; }
    public ProviderRow? Provider { get; set; }
}

/// <summary>A published (or superseded) report; its files are listed at <c>/api/v1/publications/{id}</c>.</summary>
public sealed class PublicationRow
{
    [Key]
    public int Id { get; set; }

    public required string Period { get; set; }

    /// <summary>Null for the national report.</summary>
    public string? AdminUnitCode { get; set; }

    public int Edition { get; set; }
    public required string Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public int? ReplacesId { get; set; }
    public int? SupersededById { get; set; }
    public string? ManifestSha256 { get; set; }
    public string? RecordSha256 { get; set; }
}

/// <summary>Feedback as staff see it within their scope: never the contact details.</summary>
public sealed class FeedbackRow
{
    [Key]
    public long Id { get; set; }

    public int ProviderId { get; set; }
    public required string AdminUnitCode { get; set; }
    public required string AimagCode { get; set; }
    public required string SectorCode { get; set; }
    public string? ServiceLineCode { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
    public required string Channel { get; set; }
    public string? Gender { get; set; }
    public string? AgeBand { get; set; }
    public bool? HasDisability { get; set; }
    public bool? HerderHousehold { get; set; }
    public required string Status { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateOnly ReceivedMonth { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int? DaysToAnswer { get; set; }
    public int? AnswerRating { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>One focus group's score on one indicator of a scorecard cycle, within the staff member's scope.</summary>
public sealed class ScorecardScoreRow
{
    [Key]
    public required string Id { get; set; }

    public int CycleId { get; set; }
    public int ProviderId { get; set; }
    public required string AdminUnitCode { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public required string Stage { get; set; }
    public int IndicatorId { get; set; }
    public required string IndicatorMn { get; set; }
    public required string IndicatorEn { get; set; }
    public required string GroupType { get; set; }
    public int Participants { get; set; }
    public int Score { get; set; }
}
