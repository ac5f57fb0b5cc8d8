namespace Masam.Web.Features.Feedback;

/// <summary>What a citizen, a call-centre operator or an SMS gateway sends to <c>POST /api/v1/feedback</c>.</summary>
public sealed record SubmitFeedbackRequest
{
    /// <summary>The provider the feedback is about (see <c>GET /api/v1/providers</c>).</summary>
    public int? ProviderId { get; init; }

    /// <summary>Optional service line code, one the provider offers (for example <c>social-insurance</c>).</summary>
    public string? ServiceLine { get; init; }

    /// <summary>1 very bad, 2 bad, 3 average, 4 good, 5 very good.</summary>
    public int? Score { get; init; }

    /// <summary>Optional free text, at most 2,000 characters.</summary>
    public string? Comment { get; init; }

    /// <summary>web (the default), phone, sms, paper or kiosk.</summary>
    public string? Channel { get; init; }

    public FeedbackDemographics? Demographics { get; init; }

    /// <summary>Optional; stored apart from the feedback and seen only by whoever must answer.</summary>
    public FeedbackContactDetails? Contact { get; init; }
}

/// <summary>Optional facts about the respondent, used only in aggregate figures.</summary>
public sealed record FeedbackDemographics
{
    /// <summary>female, male or other.</summary>
    public string? Gender { get; init; }

    /// <summary>under-18, 18-24, 25-34, 35-44, 45-54, 55-64 or 65-plus.</summary>
    public string? AgeBand { get; init; }

    public bool? Disability { get; init; }
    public bool? HerderHousehold { get; init; }
}

public sealed record FeedbackContactDetails
{
    public string? Name { get; init; }

    /// <summary>A Mongolian number of 8 digits, optionally with +976.</summary>
    public string? Phone { get; init; }

    public string? Email { get; init; }

    /// <summary>Tell me (by SMS to the phone, by e-mail) when it is answered, when its actions move, and when it is closed.</summary>
    public bool? Notify { get; init; }
}
