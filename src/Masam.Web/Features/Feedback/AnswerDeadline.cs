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

    /// <summary>
    /// Still waiting for an answer: received, acknowledged or in progress. The one definition of an
    /// open item, for code (<see cref="IsOpen"/>) and for queries (<see cref="OverdueAt"/>, the figures).
    /// </summary>
    public static readonly Expression<Func<FeedbackStatus, bool>> Open =
        s => s == FeedbackStatus.Received || s == FeedbackStatus.Acknowledged || s == FeedbackStatus.InProgress;

    private static readonly Func<FeedbackStatus, bool> OpenCompiled = Open.Compile();

    public static bool IsOpen(FeedbackStatus status) => OpenCompiled(status);

    public static bool IsOverdue(FeedbackStatus status, DateTime dueAtUtc, DateTime nowUtc) =>
        IsOpen(status) && nowUtc > dueAtUtc;

    /// <summary>Overdue (or, with <paramref name="overdue"/> false, not overdue) at <paramref name="nowUtc"/>, as a query filter.</summary>
    public static Expression<Func<FeedbackItem, bool>> OverdueAt(DateTime nowUtc, bool overdue = true)
    {
        Expression<Func<FeedbackItem, bool>> late = f => f.DueAt < nowUtc;
        var item = late.Parameters[0];
        var body = Expression.AndAlso(Expressions.Inline(Open, Expression.Property(item, nameof(FeedbackItem.Status))), late.Body);
        return Expression.Lambda<Func<FeedbackItem, bool>>(overdue ? body : Expression.Not(body), item);
    }

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
