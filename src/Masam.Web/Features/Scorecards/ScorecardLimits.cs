namespace Masam.Web.Features.Scorecards;

/// <summary>How long each text of a cycle may be, and how large its counts, as checked and as stored.</summary>
public static class ScorecardLimits
{
    /// <summary>An indicator's name, the facilitating group, an input tracking line's item, entitlement and actual.</summary>
    public const int NameLength = 300;

    /// <summary>The name of a focus group of type "other".</summary>
    public const int GroupNameLength = 200;

    /// <summary>A score's reason and suggestion.</summary>
    public const int ScoreTextLength = 2000;

    /// <summary>The reason for a correction; an input tracking line's remark.</summary>
    public const int ReasonLength = 1000;

    /// <summary>The interface meeting's notes.</summary>
    public const int NotesLength = 8000;

    public const int MaxParticipants = 1000;
    public const int MaxAttendance = 10_000;
}
