namespace Masam.Web.Features.Feedback;

/// <summary>
/// Optional contact details a citizen chose to leave. Kept in a table of their own so that no
/// public view, export or publication that reads feedback can pick them up by accident.
/// </summary>
public sealed class FeedbackContact
{
    public long FeedbackId { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}
