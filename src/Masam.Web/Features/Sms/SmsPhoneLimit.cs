using Masam.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Sms;

/// <summary>
/// The hourly limit per phone (<see cref="SmsOptions.MaxPerPhonePerHour"/>), counted atomically by
/// <see cref="RateWindows"/> under the phone's keyed hash: a phone's window opens with its first
/// message and lasts an hour.
/// </summary>
public sealed class SmsPhoneLimit(RateWindows windows, IOptions<SmsOptions> options)
{
    /// <summary>Counts this message and says whether the phone is still within its limit (always, with the limit off).</summary>
    public async Task<bool> TakeAsync(string phoneHash, DateTime nowUtc, CancellationToken ct) =>
        options.Value.MaxPerPhonePerHour <= 0
        || await windows.TakeAsync($"sms:{phoneHash}", options.Value.MaxPerPhonePerHour, TimeSpan.FromHours(1), nowUtc, ct);
}
