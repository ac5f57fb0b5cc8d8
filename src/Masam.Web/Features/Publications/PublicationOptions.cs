using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Publications;

/// <summary>The <c>Masam:Publications</c> section.</summary>
public sealed class PublicationOptions
{
    public const string Section = "Masam:Publications";

    /// <summary>Where published files are kept (a shared folder when several nodes run); relative to the content root.</summary>
    public string PublishedPath { get; set; } = "reports/published";

    /// <summary>Where drafts are generated before they are published.</summary>
    public string DraftPath { get; set; } = "reports/drafts";

    /// <summary>A PEM file with an ECDSA P-256 private key; when given, every manifest is signed and the public key is published.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>
    /// In Development only: make a fresh key at <see cref="SigningKeyPath"/> when none is there, so
    /// that the demo's reports are signed. Anywhere else a missing key stops the start: a real
    /// installation's key is made, kept and backed up by the people who answer for it.
    /// </summary>
    public bool CreateMissingSigningKey { get; set; }

    /// <summary>Cron (in Mongolian time) of the job that drafts the reports of a quarter once it has closed.</summary>
    [Required]
    public string DraftCron { get; set; } = "0 4 1 * *";

    /// <summary>
    /// How long a draft's generation may go without a sign of life before another run takes it over
    /// (the node stopped, was killed, or lost its job store): a running generation renews its claim
    /// every quarter of this, and <see cref="PublicationRecovery"/> looks for lapsed ones every half.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan GenerationLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Cron (in Mongolian time) of the daily check of every published record and file.</summary>
    [Required]
    public string IntegrityCheckCron { get; set; } = "45 3 * * *";
}
