using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Infrastructure;

/// <summary>The <c>Masam</c> section of the configuration.</summary>
public sealed class MasamOptions
{
    public const string Section = "Masam";

    /// <summary>Load demo providers and demo feedback at start-up (on in a fresh clone).</summary>
    public bool SeedDemoData { get; set; }

    public RateLimitOptions RateLimit { get; set; } = new();
}

public sealed class RateLimitOptions
{
    /// <summary>Anonymous feedback submissions per client address and minute; 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int FeedbackPerMinute { get; set; } = 10;
}
