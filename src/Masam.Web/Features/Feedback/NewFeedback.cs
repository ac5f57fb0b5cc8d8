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
    FeedbackContact? Contact)
{
    /// <summary>
    /// Who spoke, as the channel knows it (<see cref="Voices.Phone"/>, <see cref="Voices.Browser"/>, ...):
    /// never stored as such; the writer keeps only its keyed pseudonym for the provider and month.
    /// </summary>
    public string? Voice { get; init; }

    /// <summary>The address range a web client came from (<see cref="Voices.Network"/>); kept, like the voice, only as a pseudonym.</summary>
    public string? Network { get; init; }

    /// <param name="aimagCode">The aimag (or the capital) the provider lies in.</param>
    /// <param name="calendar">The deadline calendar with the holidays; weekends only when not given (the demo's history).</param>
    public FeedbackItem ToItem(string trackingCode, DateTime receivedAt, string aimagCode, DeadlineCalendar? calendar = null) => new()
    {
        TrackingCode = trackingCode,
        ProviderId = ProviderId,
        AimagCode = aimagCode,
        ServiceLineCode = ServiceLineCode,
        Score = Score,
        Comment = Comment,
        Channel = Channel,
        Gender = Gender,
        AgeBand = AgeBand,
        HasDisability = HasDisability,
        HerderHousehold = HerderHousehold,
        Status = FeedbackStatus.Received,
        ReceivedAt = receivedAt,
        ReceivedMonth = Infrastructure.MongolianTime.MonthOf(receivedAt),
        UpdatedAt = receivedAt,
        DueAt = (calendar ?? DeadlineCalendar.WeekendsOnly).DueFor(receivedAt),
        Contact = Contact is null ? null : new FeedbackContact
        {
            Name = Contact.Name, Phone = Contact.Phone, Email = Contact.Email, Notify = Contact.Notify, Language = Contact.Language, StopToken = Contact.StopToken,
        },
    };
}
