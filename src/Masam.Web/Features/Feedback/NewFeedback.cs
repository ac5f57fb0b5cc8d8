namespace Masam.Web.Features.Feedback;

/// <summary>A submission that passed every rule, normalized and ready to store.</summary>
public sealed record NewFeedback(
    int ProviderId,
    string? ServiceLineCode,
    int Score,
    string? Comment,
    FeedbackChannel Channel,
    Gender? Gender,
    AgeBand? AgeBand,
    bool? HasDisability,
    bool? HerderHousehold,
    FeedbackContact? Contact);
