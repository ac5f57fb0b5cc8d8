using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Visits;

/// <summary>The <c>Masam:Visits</c> section: what a reported visit may be, and how long its number is kept.</summary>
public sealed class VisitOptions
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
}

/// <summary>Lengths of what a visit holds.</summary>
public static class VisitLimits
{
    public const int ExternalIdLength = 100;

    /// <summary>A visit reported up to this far ahead of the server's clock is taken as now (clocks differ).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
}
