using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Infrastructure;

/// <summary>
/// What one sender (a phone's hash, an address's hash) has done in its current window: the window
/// opens with the first counted act and lasts its length; the next act after it opens a new one.
/// </summary>
public sealed class RateWindow
{
    /// <summary>What is counted and for whom, e.g. <c>sms:&lt;phone hash&gt;</c>; never a number or an address in clear.</summary>
    public required string Key { get; set; }

    public DateTime OpenedAt { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// Limits kept in the database and counted atomically: each act adds one to its key's window in a
/// single upsert that returns the new count, so that acts arriving together (a burst of 60 SMS in a
/// second, on one node or several) are counted one after another by the database, never each
/// against the count before any of them was stored.
/// </summary>
public sealed class RateWindows(MasamDbContext db, TimeProvider clock)
{
    public const int MaxKeyLength = 64;

    /// <summary>The longest window any limit may use: a window opened longer ago than this is over, and <see cref="PurgeAsync"/> forgets it.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(2);

    /// <summary>The recurring job that forgets windows that are over.</summary>
    public const string PurgeJobId = "rate-window-purge";

    /// <summary>Counts this act and says whether the key is still within <paramref name="limit"/> acts per <paramref name="window"/>.</summary>
    public async Task<bool> TakeAsync(string key, int limit, TimeSpan window, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxKeyLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, MaxWindow);
        var expired = nowUtc - window;
        var counted = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateWindows" ("Key", "OpenedAt", "Count") VALUES ({key}, {nowUtc}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN "RateWindows"."OpenedAt" <= {expired} THEN 1 ELSE "RateWindows"."Count" + 1 END,
                "OpenedAt" = CASE WHEN "RateWindows"."OpenedAt" <= {expired} THEN {nowUtc} ELSE "RateWindows"."OpenedAt" END
            RETURNING "Count" AS "Value"
            """).ToListAsync(ct);
        return counted.Single() <= limit;
    }

    /// <summary>Forgets the windows that are over (a phone that wrote once, a code used once), so that the table holds only live ones.</summary>
    public Task<int> PurgeAsync(CancellationToken ct)
    {
        var over = clock.GetUtcNow().UtcDateTime - MaxWindow;
        return db.RateWindows.Where(w => w.OpenedAt < over).ExecuteDeleteAsync(ct);
    }
}

internal sealed class RateWindowConfiguration : IEntityTypeConfiguration<RateWindow>
{
    public void Configure(EntityTypeBuilder<RateWindow> builder)
    {
        builder.ToTable("RateWindows");
        builder.HasKey(w => w.Key);
        builder.Property(w => w.Key).HasMaxLength(RateWindows.MaxKeyLength);
    }
}
