using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Figures;

/// <summary>
/// How bodies answered the valid feedback one provider received in one month, as of the run that
/// counted it: how much was due (answered, or past its deadline), answered, answered within the
/// deadline, closed, and still open past the deadline. Sums of these rows give every unit and period.
/// </summary>
public sealed class ResponsivenessCount
{
    public int ProviderId { get; set; }
    public DateOnly Month { get; set; }
    public int Received { get; set; }

    /// <summary>Answered, or unanswered with the deadline passed: the base of the on-time share.</summary>
    public int Due { get; set; }

    public int Answered { get; set; }
    public int AnsweredOnTime { get; set; }
    public int Closed { get; set; }

    /// <summary>Still open with the deadline passed.</summary>
    public int Overdue { get; set; }
}

/// <summary>
/// How many items of one provider and month took a given number of days to their first answer
/// (<c>first-answer</c>) or to closing (<c>close</c>): a histogram, so that medians can be taken
/// exactly over any unit and period.
/// </summary>
public sealed class ResponseDelay
{
    public const string FirstAnswer = "first-answer";
    public const string Close = "close";

    public int ProviderId { get; set; }
    public DateOnly Month { get; set; }
    public required string Measure { get; set; }
    public int Days { get; set; }
    public int Count { get; set; }
}

/// <summary>Response actions falling due in one month, per admin unit and responsible provider (none: the unit's office).</summary>
public sealed class ActionCount
{
    public int Id { get; set; }
    public int AdminUnitId { get; set; }
    public int? ProviderId { get; set; }
    public DateOnly Month { get; set; }

    /// <summary>Actions not dropped.</summary>
    public int Total { get; set; }

    /// <summary>Done, or not done with the due date passed: the base of the on-time share.</summary>
    public int Due { get; set; }

    public int Done { get; set; }
    public int DoneOnTime { get; set; }
    public int Overdue { get; set; }
    public int Dropped { get; set; }
    public decimal CostMnt { get; set; }
}

internal sealed class ResponsivenessConfiguration :
    IEntityTypeConfiguration<ResponsivenessCount>, IEntityTypeConfiguration<ResponseDelay>, IEntityTypeConfiguration<ActionCount>
{
    public void Configure(EntityTypeBuilder<ResponsivenessCount> builder) => builder.HasKey(c => new { c.ProviderId, c.Month });

    public void Configure(EntityTypeBuilder<ResponseDelay> builder)
    {
        builder.HasKey(d => new { d.ProviderId, d.Month, d.Measure, d.Days });
        builder.Property(d => d.Measure).HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<ActionCount> builder)
    {
        builder.HasIndex(c => new { c.Month, c.AdminUnitId });
        builder.Property(c => c.CostMnt).HasPrecision(18, 2);
    }
}
