using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Operations;

/// <summary>The <c>Masam:Operations:Thresholds</c> section: where each item on Admin's operations page turns red.</summary>
public sealed class HealthThresholds
{
    public const string Section = "Masam:Operations:Thresholds";

    /// <summary>The last aggregation run finished longer ago than this (the schedule runs every 15 minutes).</summary>
    [Range(1, 100_000)]
    public int AggregationMaxAgeMinutes { get; set; } = 60;

    /// <summary>This many failed jobs (or more) waiting on the dashboard.</summary>
    [Range(1, 100_000)]
    public int FailedJobs { get; set; } = 1;

    /// <summary>This many jobs (or more) waiting for another attempt.</summary>
    [Range(1, 100_000)]
    public int RetryingJobs { get; set; } = 5;

    /// <summary>The last successful backup is older than this, or there is none.</summary>
    [Range(1, 100_000)]
    public int BackupMaxAgeHours { get; set; } = 26;

    /// <summary>The last check of the published files is older than this (it runs daily).</summary>
    [Range(1, 100_000)]
    public int IntegrityMaxAgeHours { get; set; } = 48;

    /// <summary>This many messages (or more) waiting to be sent.</summary>
    [Range(1, 10_000_000)]
    public int OutboxBacklog { get; set; } = 500;

    /// <summary>The oldest message waiting has waited longer than this.</summary>
    [Range(1, 100_000)]
    public int OutboxMaxAgeMinutes { get; set; } = 60;

    /// <summary>Free space on the database's disk below this share of the disk.</summary>
    [Range(0, 100)]
    public int FreeDiskMinPercent { get; set; } = 10;
}
