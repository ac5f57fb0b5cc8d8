using Masam.Web.Features.Feedback;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class AnswerDeadlineTests
{
    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Fact]
    public void Due_IsTheEndOfTheThirtiethDay_InMongolia()
    {
        // Monday 2 March 2026, 10:00 in Ulaanbaatar; 30 days on is Wednesday 1 April, which ends at 16:00 UTC.
        var due = AnswerDeadline.DueFor(Utc("2026-03-02T02:00:00"));

        Assert.Equal(Utc("2026-04-01T16:00:00").AddMicroseconds(-1), due);
    }

    [Fact]
    public void Due_CountsFromTheMongolianDate_NotTheUtcOne()
    {
        // 17:00 UTC on 4 March is already 01:00 on 5 March in Ulaanbaatar: due 4 April (a Saturday), so Monday 6 April.
        var due = AnswerDeadline.DueFor(Utc("2026-03-04T17:00:00"));

        Assert.Equal(Utc("2026-04-06T16:00:00").AddMicroseconds(-1), due);
    }

    [Theory]
    [InlineData("2026-03-05T03:00:00", "2026-04-06")] // due Saturday 4 April → Monday
    [InlineData("2026-03-06T03:00:00", "2026-04-06")] // due Sunday 5 April → Monday
    [InlineData("2026-03-09T03:00:00", "2026-04-08")] // due Wednesday, unchanged
    public void Due_MovesOffTheWeekend(string received, string dueDate) =>
        Assert.Equal(Utc(dueDate + "T16:00:00").AddMicroseconds(-1), AnswerDeadline.DueFor(Utc(received)));

    [Fact]
    public void Extension_AddsDaysToTheCurrentDeadline_AndAlsoAvoidsTheWeekend()
    {
        var due = AnswerDeadline.DueFor(Utc("2026-03-02T02:00:00")); // Wednesday 1 April

        Assert.Equal(Utc("2026-05-01T16:00:00").AddMicroseconds(-1), AnswerDeadline.Extend(due, 30)); // Friday 1 May
        Assert.Equal(Utc("2026-04-06T16:00:00").AddMicroseconds(-1), AnswerDeadline.Extend(due, 3)); // Saturday 4 April → Monday
    }

    [Theory]
    [InlineData(FeedbackStatus.Received, true)]
    [InlineData(FeedbackStatus.Acknowledged, true)]
    [InlineData(FeedbackStatus.InProgress, true)]
    [InlineData(FeedbackStatus.Answered, false)]
    [InlineData(FeedbackStatus.Closed, false)]
    [InlineData(FeedbackStatus.Rejected, false)]
    public void Overdue_OnlyWhileWaitingForAnAnswer_AndOnlyAfterTheLastMoment(FeedbackStatus status, bool waiting)
    {
        var due = AnswerDeadline.DueFor(Utc("2026-03-02T02:00:00"));

        Assert.False(AnswerDeadline.IsOverdue(status, due, due));
        Assert.Equal(waiting, AnswerDeadline.IsOverdue(status, due, due.AddTicks(1)));
    }
}
