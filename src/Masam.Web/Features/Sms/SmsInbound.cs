using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Sms;

/// <summary>
/// One message a gateway delivered, kept so that a message the gateway sends again is recognised
/// (by its gateway and the gateway's id) and so that a phone's messages can be counted for the
/// rate limit. It holds no number and no text: the sender only as a keyed hash
/// (<see cref="PhoneHasher"/>), the text in the feedback it became, if it became one; and it does
/// not name that feedback, so that not even the hash is linked to what a citizen said.
/// </summary>
public sealed class SmsInbound
{
    public long Id { get; set; }

    /// <summary><c>kannel</c> or <c>rapidpro</c>.</summary>
    public required string Gateway { get; set; }

    public required string GatewayMessageId { get; set; }
    public required string PhoneHash { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>What the message asked for: feedback, status, stop, help, or limited (over the rate limit, not answered).</summary>
    public required string Command { get; set; }
}

/// <summary>A phone (by its hash) that sent STOP: it is sent no notifications, only answers to what it sends.</summary>
public sealed class SmsOptOut
{
    public required string PhoneHash { get; set; }
    public DateTime StoppedAt { get; set; }
}

internal sealed class SmsInboundConfiguration : IEntityTypeConfiguration<SmsInbound>
{
    public void Configure(EntityTypeBuilder<SmsInbound> builder)
    {
        builder.ToTable("SmsInbound");
        builder.Property(m => m.Gateway).HasMaxLength(16);
        builder.Property(m => m.GatewayMessageId).HasMaxLength(100);
        builder.Property(m => m.PhoneHash).HasMaxLength(32);
        builder.Property(m => m.Command).HasMaxLength(16);
        builder.HasIndex(m => new { m.Gateway, m.GatewayMessageId }).IsUnique();
        builder.HasIndex(m => new { m.PhoneHash, m.ReceivedAt });
    }
}

internal sealed class SmsOptOutConfiguration : IEntityTypeConfiguration<SmsOptOut>
{
    public void Configure(EntityTypeBuilder<SmsOptOut> builder)
    {
        builder.ToTable("SmsOptOuts");
        builder.HasKey(o => o.PhoneHash);
        builder.Property(o => o.PhoneHash).HasMaxLength(32);
    }
}
