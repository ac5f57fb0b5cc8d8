namespace Masam.Web.Features.Publications;

/// <summary>How long a publication's texts may be, as checked and as stored.</summary>
public static class PublicationLimits
{
    /// <summary>Why an edition corrects the one before.</summary>
    public const int ReasonLength = 1000;

    /// <summary>What went wrong when a draft failed (longer messages are cut).</summary>
    public const int ErrorLength = 2000;
}
