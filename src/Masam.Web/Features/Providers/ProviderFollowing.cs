using Masam.Reporting;
using Masam.Web.Data;
using Masam.Web.Features.Reminders;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Providers;

/// <summary>
/// Someone who follows a provider's public answers by e-mail. Confirmed by a link sent to the
/// address first (so that no one can sign another person up), stopped by a link in every e-mail.
/// The address is never shown or published.
/// </summary>
public sealed class ProviderFollower
{
    public long Id { get; set; }
    public int ProviderId { get; set; }
    public required string Email { get; set; }

    /// <summary><c>mn</c> or <c>en</c>.</summary>
    public required string Language { get; set; }

    /// <summary>The secret in the confirmation and stop links.</summary>
    public required string Token { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the last confirmation e-mail was queued: another is sent only an hour later.</summary>
    public DateTime? ConfirmationSentAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }
    public DateTime? StoppedAt { get; set; }
}

internal sealed class ProviderFollowerConfiguration : IEntityTypeConfiguration<ProviderFollower>
{
    public void Configure(EntityTypeBuilder<ProviderFollower> builder)
    {
        builder.ToTable("ProviderFollowers");
        builder.Property(f => f.Email).HasMaxLength(254);
        builder.Property(f => f.Language).HasMaxLength(8);
        builder.Property(f => f.Token).HasMaxLength(32);
        builder.HasIndex(f => new { f.ProviderId, f.Email }).IsUnique();
        builder.HasIndex(f => f.Token).IsUnique();
        builder.HasOne<Provider>().WithMany().HasForeignKey(f => f.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Following a provider's public answers by e-mail: subscribing (confirmed by e-mail), confirming, stopping, and the e-mails.</summary>
public sealed class ProviderFollowing(MasamDbContext db, RateWindows windows, IOptions<MasamOptions> masam, TimeProvider clock)
{
    /// <summary>Confirmation e-mails one address may be sent in a day, whatever providers it is signed up to.</summary>
    public const int ConfirmationsPerAddressPerDay = 3;

    /// <summary>How long a pending confirmation stands before the same sign-up may send it again.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// Asks the address to confirm that it follows the provider (again, if it had stopped). Says
    /// nothing of whether the address already follows it: the answer is the same either way. The
    /// form cannot be made to flood an inbox: a sign-up's confirmation is sent again only after
    /// <see cref="ResendAfter"/>, and an address gets at most <see cref="ConfirmationsPerAddressPerDay"/>
    /// in a day (counted atomically); past either, the same answer and no e-mail.
    /// </summary>
    public async Task<bool> SubscribeAsync(int providerId, string email, string language, CancellationToken ct)
    {
        var provider = await db.Providers.Where(p => p.Id == providerId && p.IsActive).Select(p => new { p.NameMn, p.NameEn }).FirstOrDefaultAsync(ct);
        if (provider is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var follower = await db.ProviderFollowers.FirstOrDefaultAsync(f => f.ProviderId == providerId && f.Email == email, ct);
        if (follower is { ConfirmedAt: not null, StoppedAt: null })
        {
            return true;
        }

        if (follower is null)
        {
            db.ProviderFollowers.Add(follower = new ProviderFollower
            {
                ProviderId = providerId, Email = email, Language = language, Token = Feedback.CitizenNotices.NewStopToken(), CreatedAt = now,
            });
        }

        (follower.Language, follower.StoppedAt, follower.ConfirmedAt) = (language, null, null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ConcurrentWriteHandler.IsUniqueViolation(e))
        {
            // The same sign-up sent twice at once: the other request stored it and sends its e-mail.
            db.ChangeTracker.Clear();
            return true;
        }

        // One e-mail per sign-up an hour (whoever of several requests claims it), then a day's count per address.
        var resendBefore = now - ResendAfter;
        var claimed = await db.ProviderFollowers
            .Where(f => f.Id == follower.Id && (f.ConfirmationSentAt == null || f.ConfirmationSentAt <= resendBefore))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.ConfirmationSentAt, now), ct) == 1;
        if (!claimed || !await windows.TakeAsync(AddressKey(email), ConfirmationsPerAddressPerDay, TimeSpan.FromDays(1), now, ct))
        {
            return true;
        }

        var name = language == "en" ? provider.NameEn : provider.NameMn;
        db.Outbox.Add(Email(follower, "follow-confirm", Text(language, "follow.confirm.subject", name),
            Text(language, "follow.confirm.body", name, $"{Site}/follow/{follower.Token}"), now));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The address's key in the day's count: a hash, so that the count holds no address.</summary>
    private static string AddressKey(string email) =>
        "follow:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.ToLowerInvariant())))[..40];

    /// <summary>The provider's name a link's follower follows, and whether they are confirmed and not stopped; null for an unknown link.</summary>
    public async Task<(string NameMn, string NameEn, bool Following)?> FindAsync(string token, CancellationToken ct)
    {
        var row = await db.ProviderFollowers.Where(f => f.Token == token)
            .Join(db.Providers, f => f.ProviderId, p => p.Id, (f, p) => new { p.NameMn, p.NameEn, f.ConfirmedAt, f.StoppedAt })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : (row.NameMn, row.NameEn, row.ConfirmedAt is not null && row.StoppedAt is null);
    }

    public async Task SetFollowingAsync(string token, bool following, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ProviderFollowers.Where(f => f.Token == token).ExecuteUpdateAsync(u => u
            .SetProperty(f => f.ConfirmedAt, f => following ? (f.ConfirmedAt ?? now) : f.ConfirmedAt)
            .SetProperty(f => f.StoppedAt, f => following ? null : (DateTime?)now), ct);
    }

    /// <summary>Queues, in the caller's transaction, an e-mail with a new public answer to everyone who follows the provider.</summary>
    public async Task QueueAnswerAsync(int providerId, string answer, CancellationToken ct)
    {
        var followers = await db.ProviderFollowers.Where(f => f.ProviderId == providerId && f.ConfirmedAt != null && f.StoppedAt == null).ToListAsync(ct);
        if (followers.Count == 0)
        {
            return;
        }

        var provider = await db.Providers.Where(p => p.Id == providerId).Select(p => new { p.NameMn, p.NameEn }).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var follower in followers)
        {
            var name = follower.Language == "en" ? provider.NameEn : provider.NameMn;
            db.Outbox.Add(Email(follower, "follow-answer", Text(follower.Language, "follow.answer.subject", name),
                Text(follower.Language, "follow.answer.body", name, PublicText.Hide(answer)!, $"{Site}/provider/{providerId}", $"{Site}/follow/{follower.Token}"), now));
        }
    }

    private string Site => masam.Value.PublicUrl.TrimEnd('/');

    private static OutboxMessage Email(ProviderFollower follower, string kind, string subject, string body, DateTime now) => new()
    {
        Kind = kind, Channel = OutboxChannel.Email, To = follower.Email, Subject = subject, Body = body, CreatedAt = now,
    };

    private static string Text(string language, string key, params object[] arguments) =>
        TextCatalogue.Default.Format(key, language == "en", arguments);
}
