using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Infrastructure;

/// <summary>The <c>Masam</c> section of the configuration.</summary>
public sealed class MasamOptions : IValidatableObject
{
    public const string Section = "Masam";

    /// <summary>Load demo providers and demo feedback at start-up (on in a fresh clone).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>The platform's public address, for links in e-mails to citizens (tracking, stopping messages).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    public RateLimitOptions RateLimit { get; set; } = new();

    public BootstrapOptions Bootstrap { get; set; } = new();

    public HttpsOptions Https { get; set; } = new();

    public KeyProtectionOptions DataProtection { get; set; } = new();

    public ProxyOptions Proxy { get; set; } = new();

    /// <summary>The sub-sections' own limits (data annotations do not look inside nested objects by themselves).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, part) in new (string, object)[] { (nameof(RateLimit), RateLimit), (nameof(Https), Https), (nameof(Proxy), Proxy) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(part, new ValidationContext(part), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{Section}:{name}: {result.ErrorMessage}", [.. result.MemberNames.Select(m => $"{name}.{m}")]);
            }
        }
    }
}

/// <summary>
/// The certificate that encrypts the keys protecting cookies and tokens where they are stored (in
/// the database): without it, anyone with a backup could forge a staff member's cookie or token.
/// A PKCS#12 file and its password; every node needs the same certificate.
/// </summary>
public sealed class KeyProtectionOptions
{
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
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

    /// <summary>Sign-in and token-refresh attempts per client address and minute (the API and the page together); 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Requests for a period's archive and file checks per client address and minute; 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int DownloadsPerMinute { get; set; } = 20;

    /// <summary>When the limits' windows that are over are forgotten (cron, Mongolian time).</summary>
    public string WindowPurgeCron { get; set; } = "55 3 * * *";
}

/// <summary>The reverse proxies or load balancers in front (see <see cref="ProxySetup"/>): addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/24</c>).</summary>
public sealed class ProxyOptions : IValidatableObject
{
    public string[] TrustedProxies { get; set; } = [];

    public IEnumerable<string> Entries => AddressList.Entries(TrustedProxies);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Entries.Where(entry => !AddressList.IsValid(entry))
            .Select(entry => new ValidationResult(AddressList.Invalid(nameof(TrustedProxies), entry), [nameof(TrustedProxies)]));
}
