using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Visits;

/// <summary>The <c>Masam:Visits</c> section: what a reported visit may be, and how long its number is kept.</summary>
public sealed class VisitOptions : IValidatableObject
{
    public const string Section = "Masam:Visits";

    /// <summary>How long after the visit it may still be reported: an older one is refused (its survey would come too late to remember).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How long after the visit its number may be kept at the longest: the survey's delay, one
    /// reminder and the time to answer. The number is removed then, or as soon as the visit is not drawn.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00")]
    public TimeSpan PhoneRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Visits in one API request at most.</summary>
    [Range(1, 10_000)]
    public int BatchMax { get; set; } = 1000;

    /// <summary>The largest visit file taken (CSV or XLSX), in bytes.</summary>
    [Range(1024, 1L << 31)]
    public long FileMaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>When numbers whose time is up are removed (Mongolian time), besides the sampling job's own removal.</summary>
    [Required]
    public string PhonePurgeCron { get; set; } = "10 * * * *";

    /// <summary>The proactive survey (<c>Masam:Visits:Survey</c>).</summary>
    public SurveyOptions Survey { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Survey, new ValidationContext(Survey), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult($"{Section}:Survey: {result.ErrorMessage}", result.MemberNames.Select(m => $"Survey.{m}"));
        }

        if (Survey.Delay + TimeSpan.FromDays(1) + Survey.ReplyWindow > PhoneRetention)
        {
            yield return new ValidationResult(
                $"{Section}:PhoneRetention must cover the survey: its delay, a night's quiet hours and its reply window.", [nameof(PhoneRetention)]);
        }
    }
}

/// <summary>Who is asked, when, and for how long an answer is taken.</summary>
public sealed class SurveyOptions
{
    /// <summary>The share of a provider's visits asked, per service line, once it has had <see cref="MinPerMonth"/> asked that month.</summary>
    [Range(0.0, 1.0)]
    public double Rate { get; set; } = 0.2;

    /// <summary>
    /// Visits asked first each month for every provider and service line, whatever the rate: a small
    /// centre then gets enough answers for a figure (the stratification).
    /// </summary>
    [Range(0, 100_000)]
    public int MinPerMonth { get; set; } = 30;

    /// <summary>How long after the visit the question goes at the earliest (then at the next hour outside the quiet hours).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3.00:00:00")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Mongolian time from which no survey is sent ...</summary>
    public TimeOnly QuietFrom { get; set; } = new(21, 0);

    /// <summary>... until this time.</summary>
    public TimeOnly QuietUntil { get; set; } = new(9, 0);

    /// <summary>Without an answer by then, one reminder.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "7.00:00:00")]
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after the question an answer is taken; later the survey closes unanswered and the number goes.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "14.00:00:00")]
    public TimeSpan ReplyWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A phone is asked at most once in this many days, whatever it visited.</summary>
    [Range(0, 3650)]
    public int PhoneCooldownDays { get; set; } = 90;

    /// <summary>When the survey draws, asks, reminds and closes (Mongolian time).</summary>
    [Required]
    public string RoundCron { get; set; } = "*/5 * * * *";

    /// <summary>Whether <paramref name="utc"/> falls in the quiet hours, in Mongolian time.</summary>
    public bool IsQuiet(DateTime utc)
    {
        var local = TimeOnly.FromDateTime(Infrastructure.MongolianTime.ToLocal(utc));
        return QuietFrom > QuietUntil ? local >= QuietFrom || local < QuietUntil : local >= QuietFrom && local < QuietUntil;
    }
}

/// <summary>Lengths of what a visit holds.</summary>
public static class VisitLimits
{
    public const int ExternalIdLength = 100;

    /// <summary>A visit reported up to this far ahead of the server's clock is taken as now (clocks differ).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
}
