using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Infrastructure;

/// <summary>The <c>Masam</c> section of the configuration.</summary>
public sealed class MasamOptions
{
    public const string Section = "Masam";

    /// <summary>Load demo providers and demo feedback at start-up (on in a fresh clone).</summary>
    public bool SeedDemoData { get; set; }

    public RateLimitOptions RateLimit { get; set; } = new();

    public BootstrapOptions Bootstrap { get; set; } = new();

    public HttpsOptions Https { get; set; } = new();
}

/// <summary>The first Admin, created at start-up when no account has this e-mail yet.</summary>
public sealed class BootstrapOptions
{
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}

/// <summary>Turn on behind TLS: redirects HTTP to HTTPS, sends HSTS, and marks cookies Secure.</summary>
public sealed class HttpsOptions
{
    public bool Enabled { get; set; }

    [Range(0, 3650)]
    public int HstsMaxAgeDays { get; set; } = 365;
}

public sealed class RateLimitOptions
{
    /// <summary>Anonymous feedback submissions per client address and minute; 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int FeedbackPerMinute { get; set; } = 10;
}
