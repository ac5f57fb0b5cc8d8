using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Open311;

/// <summary>
/// Service requests per key and minute (<see cref="Open311Options.RequestsPerMinutePerKey"/>):
/// a client is limited by its key, not by its address, since one city system may post for many.
/// </summary>
public sealed class Open311RateLimits(IOptionsMonitor<Open311Options> options) : IDisposable
{
    private readonly PartitionedRateLimiter<int> _limiter = PartitionedRateLimiter.Create<int, (int, int)>(clientId =>
    {
        var perMinute = options.CurrentValue.RequestsPerMinutePerKey;
        return perMinute == 0
            ? RateLimitPartition.GetNoLimiter((clientId, 0))
            : RateLimitPartition.GetFixedWindowLimiter((clientId, perMinute), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });
    });

    /// <summary>Takes one request from the key's minute; false, with the seconds to wait, when it is used up.</summary>
    public bool TryAcquire(int clientId, out int retryAfterSeconds)
    {
        using var lease = _limiter.AttemptAcquire(clientId);
        retryAfterSeconds = lease.IsAcquired ? 0
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
