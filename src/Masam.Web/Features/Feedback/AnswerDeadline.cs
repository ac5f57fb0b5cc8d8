using System.Linq.Expressions;
using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// The legal answer deadline: 30 days from receipt, extendable once by up to 30 days with notice
/// (the law on petitions, as DOMAIN.md says). The days are counted by a <see cref="DeadlineCalendar"/>
/// with the public holidays (<see cref="HolidayCalendar"/>); <see cref="DueFor"/> and
/// <see cref="Extend"/> here count weekends only, for the demo's history.
/// </summary>
public static class AnswerDeadline
{
    public const int Days = 30;
    public const int MaxExtensionDays = 30;

    public static DateTime DueFor(DateTime receivedAtUtc) => DeadlineCalendar.WeekendsOnly.DueFor(receivedAtUtc);

    public static DateTime Extend(DateTime dueAtUtc, int days) => DeadlineCalendar.WeekendsOnly.Extend(dueAtUtc, days);

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

    /// <summary>Open (or, with <paramref name="open"/> false, no longer waiting: answered, closed or rejected), as a query filter.</summary>
    public static Expression<Func<FeedbackItem, bool>> OpenItem(bool open = true)
    {
        Expression<Func<FeedbackItem, FeedbackStatus>> status = f => f.Status;
        var body = Expressions.Inline(Open, status.Body);
        return Expression.Lambda<Func<FeedbackItem, bool>>(open ? body : Expression.Not(body), status.Parameters);
    }

    /// <summary>Overdue (or, with <paramref name="overdue"/> false, not overdue) at <paramref name="nowUtc"/>, as a query filter.</summary>
    public static Expression<Func<FeedbackItem, bool>> OverdueAt(DateTime nowUtc, bool overdue = true)
    {
        Expression<Func<FeedbackItem, bool>> late = f => f.DueAt < nowUtc;
        var item = late.Parameters[0];
        var body = Expression.AndAlso(Expressions.Inline(Open, Expression.Property(item, nameof(FeedbackItem.Status))), late.Body);
        return Expression.Lambda<Func<FeedbackItem, bool>>(overdue ? body : Expression.Not(body), item);
    }
}
