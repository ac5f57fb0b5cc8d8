using System.Globalization;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Operations;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Admin;

/// <summary>
/// The installation's health for Admin: aggregation, jobs, backups, the published files' check,
/// the outbox and the disk, each red past its threshold (<c>Masam:Operations:Thresholds</c>).
/// </summary>
[Authorize(Policy = AccountsFeature.AdminPolicy)]
public sealed class OperationsModel(OperationsStatus status) : PageModel
{
    public OperationsReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Report = await status.ReadAsync(ct);
        // A reading of now: never from a cache.
        Response.Headers.CacheControl = "no-store";
    }

    public int AlertCount =>
        new[] { Report.Aggregation.Alert, Report.Jobs.FailedAlert, Report.Jobs.RetryingAlert, Report.Backup.Alert, Report.Integrity.Alert, Report.Outbox.Alert, Report.Storage.Alert }
            .Count(a => a);

    public static string Date(DateTime utc) => MongolianTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>How long ago, in the largest whole unit (minutes, hours or days), as a number and a unit key.</summary>
    public (int Amount, string Unit) Age(DateTime utc)
    {
        var age = Report.ReadAt - utc;
        return age.TotalMinutes < 120 ? ((int)Math.Max(0, age.TotalMinutes), "minutes")
            : age.TotalHours < 48 ? ((int)age.TotalHours, "hours")
            : ((int)age.TotalDays, "days");
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB",
    };

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
