using System.Text.Json.Serialization;

namespace Masam.Web.Features.Feedback;

// Wire names are kebab-case (in-progress); age bands use their familiar labels.

public enum FeedbackChannel
{
    Web,
    Phone,
    Sms,
    Paper,
    Kiosk,

    /// <summary>An answer to the proactive survey of a reported visit: verified (the person was served), never taken from a request.</summary>
    Survey,
}

public enum FeedbackStatus
{
    Received,
    Acknowledged,
    InProgress,
    Answered,
    Closed,
    Rejected,
}

public enum Gender
{
    Female,
    Male,
    Other,
}

public enum AgeBand
{
    [JsonStringEnumMemberName("under-18")] Under18,
    [JsonStringEnumMemberName("18-24")] From18To24,
    [JsonStringEnumMemberName("25-34")] From25To34,
    [JsonStringEnumMemberName("35-44")] From35To44,
    [JsonStringEnumMemberName("45-54")] From45To54,
    [JsonStringEnumMemberName("55-64")] From55To64,
    [JsonStringEnumMemberName("65-plus")] From65,
}

public enum RejectionReason
{
    Spam,
    Duplicate,
    OutsideRemit,
}
