using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Sms;

/// <summary>
/// A phone's (hash's) messages in its current hour: the window opens with the first message and
/// lasts an hour, and the next message after it opens a new one.
/// </summary>
public sealed class SmsPhoneWindow
{
    public required string PhoneHash { get; set; }
    public DateTime OpenedAt { get; set; }
    public int Messages { get; set; }
}

/// <summary>
/// The hourly limit per phone (<see cref="SmsOptions.MaxPerPhonePerHour"/>), counted atomically:
/// each message adds one to its phone's window in a single upsert that returns the new count, so
/// that messages arriving together (a burst of 60 in a second, on one node or several) are counted
/// one after another by the database, not each against the count before any of them was stored.
/// </summary>
public sealed class SmsPhoneLimit(MasamDbContext db, IOptions<SmsOptions> options)
{
    /// <summary>Counts this message and says whether the phone is still within its limit (always, with the limit off).</summary>
    public async Task<bool> TakeAsync(string phoneHash, DateTime nowUtc, CancellationToken ct)
    {
        var limit = options.Value.MaxPerPhonePerHour;
        if (limit <= 0) return true;

        var hourAgo = nowUtc.AddHours(-1);
        var counted = await db.Database.SqlQuery<int>($"""
            INSERT INTO "SmsPhoneWindows" ("PhoneHash", "OpenedAt", "Messages") VALUES ({phoneHash}, {nowUtc}, 1)
            ON CONFLICT ("PhoneHash") DO UPDATE SET
                "Messages" = CASE WHEN "SmsPhoneWindows"."OpenedAt" <= {hourAgo} THEN 1 ELSE "SmsPhoneWindows"."Messages" + 1 END,
                "OpenedAt" = CASE WHEN "SmsPhoneWindows"."OpenedAt" <= {hourAgo} THEN {nowUtc} ELSE "SmsPhoneWindows"."OpenedAt" END
            RETURNING "Messages" AS "Value"
            """).ToListAsync(ct);
        return counted.Single() <= limit;
    }
}

internal sealed class SmsPhoneWindowConfiguration : IEntityTypeConfiguration<SmsPhoneWindow>
{
    public void Configure(EntityTypeBuilder<SmsPhoneWindow> builder)
    {
        builder.ToTable("SmsPhoneWindows");
        builder.HasKey(w => w.PhoneHash);
        builder.Property(w => w.PhoneHash).HasMaxLength(32);
    }
}
