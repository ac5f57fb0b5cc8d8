using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Visits;

/// <summary>
/// A citizen served at a provider, as the provider (or the system that registers its services)
/// reported it: the population the proactive survey draws from. The phone number is here only
/// while it can still serve the survey (<see cref="PhoneKeptUntil"/>); after that only its keyed
/// hash stays, as with SMS. A visit reported "do not contact" keeps neither.
/// </summary>
public sealed class ServiceVisit
{
    public long Id { get; set; }
    public int ProviderId { get; set; }

    /// <summary>The reporter's own id of the visit: a visit reported again with it is recognised (per provider).</summary>
    public required string ExternalId { get; set; }

    public string? ServiceLineCode { get; set; }

    /// <summary>When the citizen was served, UTC.</summary>
    public DateTime VisitedAt { get; set; }

    /// <summary>Eight digits while the survey may still use it; null after, and for "do not contact".</summary>
    public string? Phone { get; set; }

    /// <summary>HMAC of the number (<see cref="Sms.PhoneHasher"/>): a phone asked at most once in a while, and counted once.</summary>
    public string? PhoneHash { get; set; }

    /// <summary><c>mn</c> or <c>en</c>: the survey's language.</summary>
    public required string Language { get; set; }

    public bool DoNotContact { get; set; }

    /// <summary>The number looks made up (one digit repeated, a run of digits): judged when it came, since the number itself goes.</summary>
    public bool MadeUpNumber { get; set; }

    /// <summary>How it came: <c>api</c> (with <see cref="SourceId"/>) or <c>file</c> (uploaded by <see cref="UploadedBy"/>).</summary>
    public required string Origin { get; set; }

    public int? SourceId { get; set; }

    /// <summary>The staff account that uploaded the file (its id), for a file's visits.</summary>
    public string? UploadedBy { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>The number is removed at this time at the latest (the survey window's close).</summary>
    public DateTime? PhoneKeptUntil { get; set; }

    public SurveyState Survey { get; set; }
    public DateTime? AskedAt { get; set; }
    public DateTime? RemindedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }

    /// <summary>The feedback the survey's answer became.</summary>
    public long? FeedbackId { get; set; }
}

/// <summary>Where a visit stands with the proactive survey.</summary>
public enum SurveyState
{
    /// <summary>Reported; the sampling job has not looked at it yet.</summary>
    Waiting,

    /// <summary>Not drawn for the survey (or "do not contact", or a phone that stopped): its number goes.</summary>
    NotAsked,

    /// <summary>Drawn: the survey goes out at the next allowed hour.</summary>
    Drawn,

    Asked,
    Answered,

    /// <summary>Asked, and no answer came within the window.</summary>
    Unanswered,
}

internal sealed class ServiceVisitConfiguration : IEntityTypeConfiguration<ServiceVisit>
{
    public void Configure(EntityTypeBuilder<ServiceVisit> builder)
    {
        builder.ToTable("ServiceVisits");
        builder.Property(v => v.ExternalId).HasMaxLength(VisitLimits.ExternalIdLength);
        builder.Property(v => v.ServiceLineCode).HasMaxLength(64);
        builder.Property(v => v.Phone).HasMaxLength(8);
        builder.Property(v => v.PhoneHash).HasMaxLength(32);
        builder.Property(v => v.Language).HasMaxLength(8);
        builder.Property(v => v.Origin).HasMaxLength(8);
        builder.Property(v => v.UploadedBy).HasMaxLength(64);
        builder.Property(v => v.Survey).HasConversion<string>().HasMaxLength(16);
        // The visit id first: a batch is looked up by its ids, whatever its providers.
        builder.HasIndex(v => new { v.ExternalId, v.ProviderId }).IsUnique();
        builder.HasIndex(v => new { v.Survey, v.VisitedAt });
        builder.HasIndex(v => v.PhoneKeptUntil);
        builder.HasIndex(v => new { v.PhoneHash, v.AskedAt });
        builder.HasOne<Providers.Provider>().WithMany().HasForeignKey(v => v.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<VisitSource>().WithMany().HasForeignKey(v => v.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}
