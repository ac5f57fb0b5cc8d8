using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.QueryFeed;

// The shapes the OData feed publishes: chosen fields only, never an entity as it is stored, so
// that nothing private reaches the feed by a property added later.

/// <summary>An aimag, the capital, a soum or a district, keyed on its NSO code.</summary>
public sealed class AdminUnitRow
{
    [Key]
    public required string Code { get; init; }

    public required string NameMn { get; init; }
    public required string NameEn { get; init; }

    /// <summary>1 for an aimag or the capital, 2 for a soum or district.</summary>
    public int Level { get; init; }

    /// <summary><c>aimag</c>, <c>capital</c>, <c>soum</c> or <c>district</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The NSO code of the aimag or the capital it lies in; none for an aimag or the capital.</summary>
    public string? ParentCode { get; init; }

    /// <summary>The OCHA P-code, to join humanitarian data sets; the ISO 3166-2 code for aimags.</summary>
    public string? PCode { get; init; }
    public string? IsoCode { get; init; }

    /// <summary>Residents as the NSO counted them in <see cref="PopulationYear"/>, where known.</summary>
    public int? Population { get; init; }
    public int? PopulationYear { get; init; }

    /// <summary>Since and until when the unit exists as coded (boundaries change): no end while it does.</summary>
    public DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }

    /// <summary>The aimag or the capital a soum or district lies in (expand with <c>$expand=Parent</c>).</summary>
    public AdminUnitRow? Parent { get; init; }
}

public sealed class ProviderRow
{
    [Key]
    public int Id { get; init; }

    public required string Code { get; init; }
    public required string NameMn { get; init; }
    public required string NameEn { get; init; }
    public required string TypeCode { get; init; }
    public required string SectorCode { get; init; }

    /// <summary>The soum or district (or, for an aimag-level body, the aimag).</summary>
    public required string AdminUnitCode { get; init; }

    /// <summary>The aimag or the capital.</summary>
    public required string AimagCode { get; init; }

    public string? RegistrationNumber { get; init; }
    public bool IsActive { get; init; }
    public bool IsDemo { get; init; }
    public AdminUnitRow? AdminUnit { get; init; }
}

public sealed class ServiceLineRow
{
    [Key]
    public required string Code { get; init; }

    public required string SectorCode { get; init; }
    public required string NameMn { get; init; }
    public required string NameEn { get; init; }
}

/// <summary>A response action, with the fields the public pages show.</summary>
public sealed record ResponseActionRow
{
    [Key]
    public int Id { get; init; }

    public required string Title { get; init; }
    public required string AdminUnitCode { get; init; }
    public int? ProviderId { get; init; }
    public DateOnly DueOn { get; init; }
    public required string Status { get; init; }
    public int ProgressPercent { get; init; }
    public decimal? CostMnt { get; init; }
    public string? FundingSource { get; init; }
    public DateTime? CompletedAt { get; init; }
    public int? ScorecardCycleId { get; init; }
    public bool IsDemo { get; init; }
    public ProviderRow? Provider { get; init; }
}

/// <summary>A published (or superseded) report; its files are listed at <c>/api/v1/publications/{id}</c>.</summary>
public sealed class PublicationRow
{
    [Key]
    public int Id { get; init; }

    public required string Period { get; init; }

    /// <summary>Null for the national report.</summary>
    public string? AdminUnitCode { get; init; }

    public int Edition { get; init; }
    public required string Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public int? ReplacesId { get; init; }
    public int? SupersededById { get; init; }
    public string? ManifestSha256 { get; init; }
    public string? RecordSha256 { get; init; }
}

/// <summary>Feedback as staff see it within their scope: never the contact details.</summary>
public sealed class FeedbackRow
{
    [Key]
    public long Id { get; init; }

    public int ProviderId { get; init; }
    public required string AdminUnitCode { get; init; }
    public required string AimagCode { get; init; }
    public required string SectorCode { get; init; }
    public string? ServiceLineCode { get; init; }
    public int Score { get; init; }
    public string? Comment { get; init; }
    public required string Channel { get; init; }
    public string? Gender { get; init; }
    public string? AgeBand { get; init; }
    public bool? HasDisability { get; init; }
    public bool? HerderHousehold { get; init; }
    public required string Status { get; init; }
    public DateTime ReceivedAt { get; init; }
    public DateOnly ReceivedMonth { get; init; }
    public DateTime DueAt { get; init; }
    public DateTime? AnsweredAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public int? DaysToAnswer { get; init; }
    public int? AnswerRating { get; init; }
    public bool IsDemo { get; init; }
}

/// <summary>One focus group's score on one indicator of a scorecard cycle, within the staff member's scope.</summary>
public sealed class ScorecardScoreRow
{
    [Key]
    public required string Id { get; init; }

    public int CycleId { get; init; }
    public int ProviderId { get; init; }
    public required string AdminUnitCode { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public required string Stage { get; init; }
    public int IndicatorId { get; init; }
    public required string IndicatorMn { get; init; }
    public required string IndicatorEn { get; init; }
    public required string GroupType { get; init; }
    public int Participants { get; init; }
    public int Score { get; init; }
}

/// <summary>
/// The stored counts of valid feedback (rejected items left out) by provider, month and value of
/// one dimension, as of the last aggregation run, within the staff member's scope: what totals over
/// many rows (by aimag, by month) are best summed from (<c>N</c> with <c>sum</c>), instead of
/// counting raw feedback. Not protected: restricted to staff, like the feedback it counts.
/// </summary>
public sealed class FeedbackCountRow
{
    [Key]
    public required string Id { get; init; }

    public int ProviderId { get; init; }
    public required string AdminUnitCode { get; init; }
    public required string AimagCode { get; init; }
    public required string SectorCode { get; init; }
    public DateOnly Month { get; init; }

    /// <summary><c>all</c>, <c>gender</c>, <c>age-band</c>, <c>disability</c>, <c>herder-household</c>, <c>channel</c> or <c>service-line</c>.</summary>
    public required string Dimension { get; init; }

    /// <summary>The dimension's value (empty for <c>all</c>).</summary>
    public required string Value { get; init; }

    /// <summary>Responses with each score, 1 to 5, and all of them.</summary>
    public int C1 { get; init; }

    public int C2 { get; init; }
    public int C3 { get; init; }
    public int C4 { get; init; }
    public int C5 { get; init; }
    public int N { get; init; }
}
