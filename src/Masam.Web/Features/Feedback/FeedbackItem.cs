using Masam.Web.Features.Providers;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// A citizen's feedback on a provider. Anonymous: it holds no IP address, user agent or device id,
/// and contact details, when given, live apart in <see cref="FeedbackContact"/>.
/// </summary>
public sealed class FeedbackItem
{
    public long Id { get; set; }
    public required string TrackingCode { get; set; }
    public int ProviderId { get; set; }
    public Provider? Provider { get; set; }
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

    /// <summary>Last change of any kind; aggregation reads what changed since its watermark.</summary>
    public DateTime UpdatedAt { get; set; }

    public bool IsDemo { get; set; }
    public FeedbackContact? Contact { get; set; }
    public List<FeedbackResponse> Responses { get; set; } = [];
}
