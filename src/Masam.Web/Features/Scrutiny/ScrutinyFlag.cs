using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Scrutiny;

/// <summary>
/// A signal that a provider's figure for a period (a quarter, as figures are published) may not be
/// sound, with its evidence, for analysts: a stuffing signal (<see cref="FigureSignals"/>) or a
/// check on the visit data the survey draws from (<see cref="VisitChecks"/>). Each scan refreshes
/// the signals it still finds and marks cleared those it no longer does; none is deleted.
/// </summary>
public sealed class ScrutinyFlag
{
    public long Id { get; set; }
    public int ProviderId { get; set; }

    /// <summary><c>2026-Q4</c>.</summary>
    public required string Period { get; set; }

    /// <summary>What was found (<see cref="Signals"/>).</summary>
    public required string Signal { get; set; }

    /// <summary>The evidence as named numbers (JSON), in the order <see cref="Signals.Evidence"/> names them.</summary>
    public required string Evidence { get; set; }

    /// <summary>The chance of what was seen, where the signal is a stated test (before the correction over providers).</summary>
    public double? PValue { get; set; }

    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>When a scan no longer found it (the counts changed, or a rejection took items out).</summary>
    public DateTime? ClearedAt { get; set; }
}

/// <summary>
/// An analyst's hold on a provider's figure for a period: while held, the published figure of that
/// provider and period (and of its year) says "held for review", protected as any hidden figure so
/// that it cannot be worked out from the others. A hold is released (the figure is published) or
/// confirmed (it stays withheld, "withheld after review"); each step is audited, none is silent.
/// </summary>
public sealed class FigureHold
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public required string Period { get; set; }
    public HoldState State { get; set; }
    public required string Reason { get; set; }
    public required string HeldBy { get; set; }
    public DateTime HeldAt { get; set; }

    /// <summary>Why it was released or confirmed.</summary>
    public string? Decision { get; set; }

    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public enum HoldState
{
    Held,
    Released,
    Confirmed,
}

internal sealed class ScrutinyConfiguration : IEntityTypeConfiguration<ScrutinyFlag>, IEntityTypeConfiguration<FigureHold>
{
    public void Configure(EntityTypeBuilder<ScrutinyFlag> builder)
    {
        builder.ToTable("ScrutinyFlags");
        builder.HasIndex(f => new { f.Period, f.ProviderId, f.Signal }).IsUnique();
        builder.Property(f => f.Period).HasMaxLength(8);
        builder.Property(f => f.Signal).HasMaxLength(32);
        builder.Property(f => f.Evidence).HasMaxLength(1000);
    }

    public void Configure(EntityTypeBuilder<FigureHold> builder)
    {
        builder.ToTable("FigureHolds");
        builder.HasIndex(h => new { h.Period, h.ProviderId }).IsUnique();
        builder.Property(h => h.Period).HasMaxLength(8);
        builder.Property(h => h.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Reason).HasMaxLength(1000);
        builder.Property(h => h.Decision).HasMaxLength(1000);
        builder.Property(h => h.HeldBy).HasMaxLength(64);
        builder.Property(h => h.DecidedBy).HasMaxLength(64);
    }
}
