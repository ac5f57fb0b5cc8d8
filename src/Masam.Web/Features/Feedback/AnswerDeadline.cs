using System.Linq.Expressions;
using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// The legal answer deadline: 30 days from receipt, extendable once by up to 30 days with notice
/// (the law on petitions, as DOMAIN.md says). Days are counted on Mongolia's calendar; a deadline
/// that falls on a Saturday or Sunday moves to the Monday, and it runs to the end of that day.
/// Public holidays are not counted here.
/// </summary>
public static class AnswerDeadline
{
    public const int Days = 30;
    public const int MaxExtensionDays = 30;

    public static DateTime DueFor(DateTime receivedAtUtc) => EndOfWorkingDay(MongolianTime.DateOf(receivedAtUtc).AddDays(Days));

    public static DateTime Extend(DateTime dueAtUtc, int days) => EndOfWorkingDay(MongolianTime.DateOf(dueAtUtc).AddDays(days));

    public static bool IsOverdue(FeedbackStatus status, DateTime dueAtUtc, DateTime nowUtc) =>
        IsOpen(status) && nowUtc > dueAtUtc;

    /// <summary>Overdue (or, with <paramref name="overdue"/> false, not overdue) at <paramref name="nowUtc"/>, as a query filter.</summary>
    public static Expression<Func<FeedbackItem, bool>> OverdueAt(DateTime nowUtc, bool overdue = true) => overdue
        ? f => (f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.Acknowledged || f.Status == FeedbackStatus.InProgress) && f.DueAt < nowUtc
        : f => !((f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.Acknowledged || f.Status == FeedbackStatus.InProgress) && f.DueAt < nowUtc);

    /// <summary>Still waiting for an answer.</summary>
    public static bool IsOpen(FeedbackStatus status) =>
        status is FeedbackStatus.Received or FeedbackStatus.Acknowledged or FeedbackStatus.InProgress;

    private static DateTime EndOfWorkingDay(DateOnly day)
    {
        day = day.DayOfWeek switch
        {
            DayOfWeek.Saturday => day.AddDays(2),
            DayOfWeek.Sunday => day.AddDays(1),
            _ => day,
        };
        return MongolianTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddTicks(-1);
    }
}
