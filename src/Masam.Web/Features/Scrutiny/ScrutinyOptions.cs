using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Scrutiny;

/// <summary>The <c>Masam:Scrutiny</c> section: when a figure or the visit data behind it is flagged for analysts.</summary>
public sealed class ScrutinyOptions
{
    public const string Section = "Masam:Scrutiny";

    /// <summary>
    /// The share of flagged provider-periods that may be false alarms, over all providers tested in a
    /// period at once (Benjamini-Hochberg), for the top-score test and the visitor-reply test.
    /// </summary>
    [Range(0.0001, 0.5)]
    public double FalseDiscoveryRate { get; set; } = 0.05;

    /// <summary>
    /// The chance of a burst by chance that flags it, over every hour of every provider tested at once
    /// (Bonferroni: each hour is tested at this divided by their number).
    /// </summary>
    [Range(0.0001, 0.5)]
    public double BurstFalseAlarmRate { get; set; } = 0.01;

    /// <summary>Counted self-selected ratings a provider-period needs before its share of top scores is tested.</summary>
    [Range(5, 1000)]
    public int MinResponses { get; set; } = 10;

    /// <summary>The least spread between providers the top-score test assumes (Beta overdispersion), so that a few alike peers do not make any difference look impossible.</summary>
    [Range(0.001, 0.5)]
    public double MinSpread { get; set; } = 0.02;

    /// <summary>Ratings from one phone, browser, address or operator for one provider in a period that flag it (only the latest counts; the rest shows intent).</summary>
    [Range(2, 1000)]
    public int RepeatedVoice { get; set; } = 5;

    /// <summary>Distinct browsers from one address range (an IPv4 /24, an IPv6 /48) that flag a provider-period when they are also half its web ratings.</summary>
    [Range(2, 1000)]
    public int VoicesFromOneRange { get; set; } = 10;

    /// <summary>Visits of one provider in a period on one number that flag it.</summary>
    [Range(2, 10_000)]
    public int VisitsOnOneNumber { get; set; } = 10;

    /// <summary>Asked visits a provider-period needs before its bounces and replies are judged.</summary>
    [Range(5, 10_000)]
    public int MinAsked { get; set; } = 20;

    /// <summary>The share of survey messages the gateway could not deliver that flags a provider's numbers.</summary>
    [Range(0.01, 1)]
    public double BounceShare { get; set; } = 0.2;

    /// <summary>A month with this many times the visits of the provider's previous three (on average), and at least <see cref="JumpMinVisits"/> more, flags a jump.</summary>
    [Range(1.5, 100)]
    public double JumpFactor { get; set; } = 3;

    [Range(1, 1_000_000)]
    public int JumpMinVisits { get; set; } = 100;

    /// <summary>When the scan runs (Mongolian time).</summary>
    [Required]
    public string ScanCron { get; set; } = "20 * * * *";
}
