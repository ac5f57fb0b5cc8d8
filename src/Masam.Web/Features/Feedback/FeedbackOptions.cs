using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Feedback;

/// <summary>The <c>Masam:Feedback</c> section.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Masam:Feedback";

    /// <summary>How long an <c>Idempotency-Key</c> is remembered.</summary>
    [Range(1, 365)]
    public int IdempotencyRetentionDays { get; set; } = 7;

    /// <summary>Cron (in Mongolian time) of the daily purge of old idempotency keys.</summary>
    [Required]
    public string IdempotencyPurgeCron { get; set; } = "15 3 * * *";

    /// <summary>How answer deadlines count: calendar days (the petitions law's "хоног", the default) or working days.</summary>
    public DeadlineDays DeadlineDays { get; set; } = DeadlineDays.Calendar;
}
