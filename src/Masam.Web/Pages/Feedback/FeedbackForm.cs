using Masam.Web.Features.Feedback;

namespace Masam.Web.Pages.Feedback;

/// <summary>The fields of the feedback form, as posted; turned into the same request the API takes.</summary>
public sealed class FeedbackForm
{
    public string? Score { get; set; }
    public string? ServiceLine { get; set; }
    public string? Comment { get; set; }
    public string? Gender { get; set; }
    public string? AgeBand { get; set; }
    public string? Disability { get; set; }
    public string? HerderHousehold { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public bool ContactNotify { get; set; }

    public SubmitFeedbackRequest ToRequest(int? providerId) => new()
    {
        ProviderId = providerId,
        ServiceLine = ServiceLine,
        Score = int.TryParse(Score, out var score) ? score : null,
        Comment = Comment,
        Channel = WireEnum(FeedbackChannel.Web),
        Demographics = new FeedbackDemographics
        {
            Gender = Gender,
            AgeBand = AgeBand,
            Disability = YesNo(Disability),
            HerderHousehold = YesNo(HerderHousehold),
        },
        Contact = new FeedbackContactDetails { Name = ContactName, Phone = ContactPhone, Email = ContactEmail, Notify = ContactNotify },
    };

    private static string WireEnum(FeedbackChannel channel) => Infrastructure.WireEnum<FeedbackChannel>.Name(channel);

    private static bool? YesNo(string? value) => value switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };
}
