using System.Text.Json;
using Masam.Web.Features.Figures;

namespace Masam.Web.Features.Scrutiny;

/// <summary>What a source of signals found for one provider in a period: the signal, its evidence (named, in order), and the chance where it is a test.</summary>
public sealed record Finding(int ProviderId, string Signal, IReadOnlyList<KeyValuePair<string, object>> Evidence, double? PValue = null)
{
    public string EvidenceJson() => JsonSerializer.Serialize(Evidence.ToDictionary(e => e.Key, e => e.Value));
}

/// <summary>A source of signals for a period (a quarter), run by <see cref="ScrutinyScan"/>: the stuffing signals, the checks on visit data.</summary>
public interface IScrutinySource
{
    /// <summary>The signals that hold for <paramref name="quarter"/> as of <paramref name="asOf"/> (UTC).</summary>
    Task<IReadOnlyList<Finding>> FindAsync(FigurePeriod quarter, DateTime asOf, CancellationToken ct);
}

/// <summary>The signals, by wire name; their text (<c>flag.{signal}</c>) takes the evidence in the order found.</summary>
public static class Signals
{
    /// <summary>More top scores than peers and the provider's own history make likely by chance (beta-binomial tail, Benjamini-Hochberg).</summary>
    public const string TopShare = "top-share";

    /// <summary>Self-selected ratings crowded into one hour beyond what the provider's own rate makes likely (Poisson tail, Bonferroni).</summary>
    public const string Burst = "burst";

    /// <summary>One phone, browser, address or operator rating a provider again and again.</summary>
    public const string RepeatedVoice = "repeated-voice";

    /// <summary>Many browsers from one address range making most of a provider's web ratings.</summary>
    public const string OneRange = "one-range";

    /// <summary>The verified (survey) and self-selected satisfaction rates whose 95 % intervals do not meet.</summary>
    public const string SourcesDisagree = "sources-disagree";

    /// <summary>One number on many of a provider's visits.</summary>
    public const string VisitsOnOneNumber = "visits-one-number";

    /// <summary>Visit numbers no operator issues (one digit repeated, a run of digits).</summary>
    public const string MadeUpNumbers = "made-up-numbers";

    /// <summary>Survey messages to a provider's visitors the gateway could not deliver.</summary>
    public const string Bounces = "bounces";

    /// <summary>A month with many times the visits of the months before.</summary>
    public const string VisitJump = "visit-jump";

    /// <summary>Visitors who answer the survey far less often than elsewhere (binomial tail, Benjamini-Hochberg), or never.</summary>
    public const string NoReplies = "no-replies";

    public static readonly IReadOnlyList<string> All =
        [TopShare, Burst, RepeatedVoice, OneRange, SourcesDisagree, VisitsOnOneNumber, MadeUpNumbers, Bounces, VisitJump, NoReplies];

    public static KeyValuePair<string, object> Item(string name, object value) => new(name, value);
}
