using Masam.Web.Features.Providers;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// A citizen's feedback on a provider. Anonymous: it holds no IP address, user agent or device id,
/// and contact details, when given, live apart in <see cref="FeedbackContact"/>.
/// </summary>
public sealed class FeedbackItem : Infrastructure.IVersioned
{
    public long Id { get; set; }
    public required string TrackingCode { get; set; }
    public int ProviderId { get; set; }
    public Provider? Provider { get; set; }

    /// <summary>
    /// The NSO code of the aimag (or the capital) the provider lies in, kept on the row so that staff
    /// queries by aimag and staff scopes are served by an index; kept right when a provider moves
    /// (<see cref="Providers.ProviderAdministration"/>).
    /// </summary>
    public required string AimagCode { get; set; }
    public string? ServiceLineCode { get; set; }
    public ServiceLine? ServiceLine { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
    public FeedbackChannel Channel { get; set; }
    public Gender? Gender { get; set; }
    public AgeBand? AgeBand { get; set; }
    public bool? HasDisability { get; set; }
    public bool? HerderHousehold { get; set; }
    public FeedbackStatus Status { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>The first day of the month of receipt on Mongolia's calendar: the unit figures are counted in.</summary>
    public DateOnly ReceivedMonth { get; set; }

    /// <summary>Last change of any kind; aggregation reads what changed since its watermark.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the answer is due: 30 days after receipt, later if extended (see <see cref="AnswerDeadline"/>).</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Why the deadline was extended; shown to the citizen. An item is extended at most once.</summary>
    public string? ExtensionReason { get; set; }

    public DateTime? ExtendedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>Calendar days in Mongolia from receipt to the first public answer; kept with it so that figures are a plain count.</summary>
    public int? DaysToAnswer { get; set; }

    /// <summary>Calendar days in Mongolia from receipt to closing.</summary>
    public int? DaysToClose { get; set; }
    public RejectionReason? RejectionReason { get; set; }
    public long? DuplicateOfId { get; set; }

    /// <summary>The citizen's rating of the answer, 1-5, given once.</summary>
    public int? AnswerRating { get; set; }

    public DateTime? RatedAt { get; set; }

    /// <summary>When the citizen said the answer did not solve the problem (once): the item reopened with a new deadline.</summary>
    public DateTime? ReopenedAt { get; set; }

    /// <summary>The citizen's reason for reopening, shown to the official.</summary>
    public string? ReopenReason { get; set; }

    /// <summary>Set by the daily overdue check; cleared when the item is answered.</summary>
    public DateTime? OverdueFlaggedAt { get; set; }

    /// <summary>Raised on every staff change; a save with an older version is refused (409).</summary>
    public int Version { get; set; }

    public bool IsDemo { get; set; }

    /// <summary>
    /// Who spoke, for counting each voice once (<see cref="Voices"/>): a keyed pseudonym of the phone,
    /// browser, address or operator, valid within this provider and month only, so that it links
    /// nothing across providers or months and names no one. Null where every item counts (the demo,
    /// an Open311 client that sends no device id).
    /// </summary>
    public string? Voice { get; set; }

    /// <summary>
    /// The address range a web rating came from (an IPv4 /24, an IPv6 /48), as a keyed pseudonym
    /// valid within this provider and month like <see cref="Voice"/>: for the signal of many
    /// browsers from one range (<see cref="Scrutiny.Signals.OneRange"/>); null for other channels.
    /// </summary>
    public string? Network { get; set; }

    public FeedbackContact? Contact { get; set; }
    public List<FeedbackResponse> Responses { get; set; } = [];

    /// <summary>Records the first public answer; later answers leave it as it was.</summary>
    public void RecordAnswer(DateTime nowUtc)
    {
        if (AnsweredAt is null)
        {
            AnsweredAt = nowUtc;
            DaysToAnswer = DaysSinceReceipt(nowUtc);
        }
    }

    public void RecordClose(DateTime nowUtc)
    {
        ClosedAt = nowUtc;
        DaysToClose = DaysSinceReceipt(nowUtc);
    }

    private int DaysSinceReceipt(DateTime nowUtc) =>
        Infrastructure.MongolianTime.DateOf(nowUtc).DayNumber - Infrastructure.MongolianTime.DateOf(ReceivedAt).DayNumber;
}
