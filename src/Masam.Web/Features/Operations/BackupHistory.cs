using Masam.Web.Data;
using Masam.Web.Features.Audit;

namespace Masam.Web.Features.Operations;

/// <summary>
/// Each backup's result goes into the audit log (chained and kept like every other entry), made by
/// the schedule or by the <c>backup</c> command; Admin's operations page reads the latest.
/// </summary>
public sealed class BackupHistory(MasamDbContext db, AuditTrail audit)
{
    public const string Action = "operations.backup";

    public async Task RecordAsync(BackupResult result, CancellationToken ct)
    {
        // The entry names the backup by its folder's name (the full path is in the result).
        var name = Path.GetFileName(result.Folder.TrimEnd(Path.DirectorySeparatorChar));
        audit.RecordAs("system", "system", Action, "backup", name.Length > 64 ? name[..64] : name, null, result);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The latest backup's result and when it was recorded, or null before the first.</summary>
    public Task<(DateTime At, BackupResult Result)?> LatestAsync(CancellationToken ct) => audit.LatestAsync<BackupResult>(Action, ct);
}

/// <summary>A backup's outcome: where, how big, its high-water marks, how long it took, or why it failed.</summary>
public sealed record BackupResult(bool Succeeded, string Folder, long Bytes, int Files, BackupMarks? Marks, double Seconds, string? Error)
{
    public static BackupResult Of(string folder, BackupManifest manifest, TimeSpan took) =>
        new(true, folder, manifest.Bytes, manifest.Files.Count, manifest.Marks, Math.Round(took.TotalSeconds, 1), null);

    public static BackupResult Failed(string folder, Exception error, TimeSpan took) =>
        new(false, folder, 0, 0, null, Math.Round(took.TotalSeconds, 1), error.Message);
}
