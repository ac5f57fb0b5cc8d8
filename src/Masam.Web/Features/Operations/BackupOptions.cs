using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Operations;

/// <summary>
/// The <c>Masam:Backup</c> section: the scheduled backup (off until <see cref="Folder"/> is set),
/// and the PostgreSQL tools the backup and restore commands run.
/// </summary>
public sealed class BackupOptions
{
    public const string Section = "Masam:Backup";

    /// <summary>Where the scheduled backup puts one dated folder a run; empty turns the schedule off. A relative path is taken from the content root.</summary>
    public string? Folder { get; set; }

    /// <summary>When the scheduled backup runs (Mongolian time).</summary>
    public string Cron { get; set; } = "0 3 * * *";

    /// <summary>How many of the scheduled backups to keep: older ones are deleted after a run succeeds.</summary>
    [Range(1, 1000)]
    public int Keep { get; set; } = 7;

    /// <summary>
    /// Let the scheduled backup run although the data-protection keys are not encrypted (no
    /// <c>Masam:DataProtection:CertificatePath</c>): the command's <c>--allow-plain-keys</c>. Off: it fails and says why.
    /// </summary>
    public bool AllowPlainKeys { get; set; }

    /// <summary>PostgreSQL's <c>pg_dump</c> and <c>pg_restore</c>: on the PATH, or a full path (the server's major version or newer).</summary>
    public string PgDump { get; set; } = "pg_dump";

    public string PgRestore { get; set; } = "pg_restore";
}
