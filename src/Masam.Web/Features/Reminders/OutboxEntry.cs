using System.Text.RegularExpressions;
using Masam.Web.Features.Feedback;

namespace Masam.Web.Features.Reminders;

/// <summary>
/// A message as Admin sees it in the outbox: whom it goes to and its state, with every credential
/// in its text cut short. Beside a phone number or an address, a whole tracking code would let the
/// reader rate, reopen or follow in the citizen's place, and a stop or follow link would let them
/// stop or confirm someone's messages: the code keeps its first group (<c>K7QM-…</c>, enough to
/// find the item a caller reads out), a link its path without the token.
/// </summary>
public sealed partial record OutboxEntry(
    long Id, string Kind, OutboxChannel Channel, string To, string Subject, string Body, long? FeedbackId, DateTime CreatedAt,
    OutboxState State, DateTime? SentAt, DateTime? DeliveredAt, int Attempts, DateTime? NextAttemptAt, string? LastError)
{
    public static OutboxEntry Of(OutboxMessage m) => new(
        m.Id, m.Kind, m.Channel, m.To, Shorten(m.Subject), Shorten(m.Body), m.FeedbackId, m.CreatedAt,
        m.State, m.SentAt, m.DeliveredAt, m.Attempts, m.NextAttemptAt, m.LastError);

    /// <summary>The text with each tracking code cut to its first group and each token link to its path.</summary>
    public static string Shorten(string text) =>
        TokenLink().Replace(FormattedCode().Replace(text, code => TrackingCodes.Short(code.Value.Replace("-", "", StringComparison.Ordinal))), "$1…");

    [GeneratedRegex($"\\b[{TrackingCodes.Alphabet}]{{4}}-?[{TrackingCodes.Alphabet}]{{4}}-?[{TrackingCodes.Alphabet}]{{4}}\\b")]
    private static partial Regex FormattedCode();

    [GeneratedRegex("(/notices/stop/|/follow/)[A-Za-z0-9_-]+")]
    private static partial Regex TokenLink();
}
