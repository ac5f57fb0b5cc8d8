using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Jobs;

/// <summary>The <c>Masam:Jobs</c> section: where background jobs are kept and when they recur.</summary>
public sealed class JobOptions
{
    public const string Section = "Masam:Jobs";

    /// <summary>
    /// <c>Auto</c>: beside the app's database (a SQLite file of its own, or the <c>hangfire</c>
    /// schema of the PostgreSQL database, shared by every node); or <c>Sqlite</c>, <c>Postgres</c>,
    /// <c>InMemory</c> (tests).
    /// </summary>
    [AllowedValues("Auto", "Sqlite", "Postgres", "InMemory")]
    public string Storage { get; set; } = "Auto";

    /// <summary>
    /// On PostgreSQL: how long a job a node took stays invisible to the others. A live node keeps
    /// extending it; when a node dies mid-job, another takes the job up after this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The job store's file; a relative path is taken from the content root.</summary>
    public string SqlitePath { get; set; } = "data/hangfire.db";

    /// <summary>Cron (in Mongolian time) of the daily overdue check.</summary>
    [Required]
    public string OverdueCheckCron { get; set; } = "0 1 * * *";

    /// <summary>Cron of the incremental aggregation (recounts only what changed).</summary>
    [Required]
    public string AggregationCron { get; set; } = "*/15 * * * *";

    /// <summary>Cron (in Mongolian time) of the nightly full recount.</summary>
    [Required]
    public string FullAggregationCron { get; set; } = "30 2 * * *";

    /// <summary>Cron (in Mongolian time) of the daily purge of old idempotency keys.</summary>
    [Required]
    public string IdempotencyPurgeCron { get; set; } = "15 3 * * *";

    /// <summary>How long an <c>Idempotency-Key</c> is remembered.</summary>
    [Range(1, 365)]
    public int IdempotencyRetentionDays { get; set; } = 7;

    /// <summary>Queue a full aggregation at start-up when no figures exist yet (a fresh install).</summary>
    public bool AggregateOnStart { get; set; } = true;

    /// <summary>Background job workers in this process.</summary>
    [Range(1, 32)]
    public int Workers { get; set; } = 2;
}
