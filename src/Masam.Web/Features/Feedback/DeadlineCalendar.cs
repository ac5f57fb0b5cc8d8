using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Feedback;

/// <summary>How answer deadlines count their days (<c>Masam:Feedback:DeadlineDays</c>).</summary>
public enum DeadlineDays
{
    /// <summary>Calendar days (the petitions law's "хоног"), a deadline falling on a day off moving to the next working day.</summary>
    Calendar,

    /// <summary>Working days: weekends and public holidays are not counted.</summary>
    Working,
}

/// <summary>
/// Answer deadlines on Mongolia's calendar with its public holidays: a deadline runs to the end of
/// its day, in Mongolian time, and never ends on a Saturday, a Sunday or a holiday.
/// </summary>
public sealed class DeadlineCalendar(IReadOnlySet<DateOnly> holidays, DeadlineDays counting)
{
    /// <summary>Calendar days and weekends only: for code that has no holiday list to hand (the demo's history).</summary>
    public static readonly DeadlineCalendar WeekendsOnly = new(new HashSet<DateOnly>(), DeadlineDays.Calendar);

    public DeadlineDays Counting => counting;

    public DateTime DueFor(DateTime receivedAtUtc) => After(MongolianTime.DateOf(receivedAtUtc), AnswerDeadline.Days);

    public DateTime Extend(DateTime dueAtUtc, int days) => After(MongolianTime.DateOf(dueAtUtc), days);

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    private DateTime After(DateOnly from, int days)
    {
        var day = from;
        if (counting == DeadlineDays.Working)
        {
            for (var left = days; left > 0;)
            {
                day = day.AddDays(1);
                if (IsWorkingDay(day)) left--;
            }
        }
        else
        {
            day = day.AddDays(days);
            while (!IsWorkingDay(day)) day = day.AddDays(1);
        }

        // The day's last microsecond: the finest instant PostgreSQL's timestamp keeps, so a deadline
        // reads back from either database exactly as it was computed.
        return MongolianTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddMicroseconds(-1);
    }
}
