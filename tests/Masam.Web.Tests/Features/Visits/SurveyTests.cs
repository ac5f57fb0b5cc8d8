using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Sms;
using Masam.Web.Features.Visits;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Features.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Masam.Web.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Visits;

/// <summary>
/// The proactive survey on a fake clock: visits drawn after the delay, asked outside the quiet hours
/// (Mongolian time), a phone asked once, STOP honoured, one reminder, the window closed; an answer
/// from that phone becomes verified feedback, and the number goes.
/// </summary>
public sealed class SurveyTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new(("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey));

    // 10:00 in Ulaanbaatar, a few days ago (tokens and keys are checked against real time elsewhere).
    private static readonly DateOnly Day = MongolianTime.DateOf(DateTime.UtcNow).AddDays(-4);
    private readonly FakeTimeProvider _clock = new(MongolianTime.ToUtc(Day.ToDateTime(new TimeOnly(10, 0))));
    private HttpClient _client = null!;
    private HttpClient _system = null!;
    private string _centre = "";

    public async Task InitializeAsync()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        _client = _factory.CreateClient();
        var id = await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ", "civil-registration");
        await SmsEndpointTests.GiveSmsCodesAsync(_factory, id);
        _centre = await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == id).Select(p => p.Code).SingleAsync());
        _system = await _factory.RegistryClientAsync();
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private static string At(int hour, int minute = 0) => Day.ToDateTime(new TimeOnly(hour, minute)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private void AdvanceTo(DateOnly day, int hour, int minute = 0) =>
        _clock.SetUtcNow(MongolianTime.ToUtc(day.ToDateTime(new TimeOnly(hour, minute))));

    private async Task<SurveyRoundResult> RoundAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SurveyRound>().ExecuteAsync(CancellationToken.None);
    }

    private Task<HttpResponseMessage> Sms(string from, string text, string id) =>
        _client.GetAsync($"/api/v1/sms/kannel?from={Uri.EscapeDataString(from)}&to=1411&text={Uri.EscapeDataString(text)}&id={id}&key={SmsEndpointTests.Secret}");

    private Task<List<OutboxMessage>> SentAsync(string kind) =>
        _factory.WithDbAsync(db => db.Outbox.Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync());

    private Task<ServiceVisit> VisitAsync(string id) => _factory.WithDbAsync(db => db.Set<ServiceVisit>().AsNoTracking().SingleAsync(v => v.ExternalId == id));

    private async Task ReportAsync(params object[] visits) =>
        Assert.Equal(visits.Length, (await (await _system.PostAsJsonAsync("/api/v1/visits", new { visits })).ReadJsonAsync()).GetProperty("received").GetInt32());

    [Fact]
    public async Task TheServedAreAskedTheNextMorning_OncePerPhone_NeverAfterStop_AndTheirAnswerIsVerifiedFeedback()
    {
        (await Sms("+97688112233", "STOP", "stop-1")).EnsureSuccessStatusCode();
        await ReportAsync(
            new { visitId = "A", provider = _centre, serviceLine = "civil-registration", visitedAt = At(9), phone = "99112233" },
            new { visitId = "B", provider = _centre, visitedAt = At(9, 10), phone = "88112233" },
            new { visitId = "C", provider = _centre, visitedAt = At(9, 20), phone = "+976 9911 2233" },
            new { visitId = "D", provider = _centre, visitedAt = At(9, 30), doNotContact = true });

        Assert.Equal(SurveyRoundResult.Nothing, await RoundAsync()); // within the delay: nothing drawn yet
        AdvanceTo(Day, 21, 30); // after the delay, in the quiet hours: drawn, not sent
        var evening = await RoundAsync();
        Assert.Equal((1, 2, 0), (evening.Drawn, evening.NotDrawn, evening.Asked));
        Assert.Empty(await SentAsync("survey"));
        Assert.Equal([SurveyState.Drawn, SurveyState.NotAsked, SurveyState.NotAsked, SurveyState.NotAsked],
            await _factory.WithDbAsync(db => db.Set<ServiceVisit>().OrderBy(v => v.ExternalId).Select(v => v.Survey).ToListAsync()));
        Assert.Null((await VisitAsync("B")).Phone); // stopped: its number went at once
        Assert.Null((await VisitAsync("C")).Phone); // the same phone is asked once

        AdvanceTo(Day.AddDays(1), 8, 55);
        Assert.Equal(0, (await RoundAsync()).Asked);
        AdvanceTo(Day.AddDays(1), 9, 5);
        Assert.Equal(1, (await RoundAsync()).Asked);
        Assert.Equal(0, (await RoundAsync()).Asked); // asked once, however often the round runs
        var question = Assert.Single(await SentAsync("survey"));
        Assert.Equal("99112233", question.To);
        Assert.True(SmsReplies.FitsOneSegment(question.Body), question.Body);
        Assert.Contains(Day.ToString("MM/dd", CultureInfo.InvariantCulture), question.Body);
        Assert.Contains("Uliastai", question.Body);
        Assert.Contains("1-5", question.Body);

        (await Sms("+97699112233", "4 oochlaarai dugaar urt", "answer-1")).EnsureSuccessStatusCode();
        var visit = await VisitAsync("A");
        Assert.Equal((SurveyState.Answered, null), (visit.Survey, visit.Phone));
        var feedback = await _factory.WithDbAsync(db => db.Feedback.SingleAsync(f => f.Id == visit.FeedbackId));
        Assert.Equal((FeedbackChannel.Survey, 4, "oochlaarai dugaar urt", "civil-registration"), (feedback.Channel, feedback.Score, feedback.Comment, feedback.ServiceLineCode));
        var thanks = await _factory.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "sms-reply").OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
        Assert.Contains(TrackingCodes.Format(feedback.TrackingCode), thanks.Last());

        // A second message is no second answer: read as any SMS (a score without a provider gets help).
        (await Sms("+97699112233", "5", "answer-2")).EnsureSuccessStatusCode();
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Feedback.CountAsync(f => f.Channel == FeedbackChannel.Survey)));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Feedback.CountAsync()));
    }

    [Fact]
    public async Task OneReminder_ThenTheWindowCloses_AndALateAnswerIsNoSurveyAnswer()
    {
        await ReportAsync(new { visitId = "R", provider = _centre, visitedAt = At(9), phone = "91112233", language = "en" });
        AdvanceTo(Day.AddDays(1), 10, 0);
        Assert.Equal(1, (await RoundAsync()).Asked);
        Assert.Contains("How well", Assert.Single(await SentAsync("survey")).Body);

        AdvanceTo(Day.AddDays(1), 22, 0);
        Assert.Equal(0, (await RoundAsync()).Reminded);
        AdvanceTo(Day.AddDays(2), 10, 30); // a day after the question, outside the quiet hours
        Assert.Equal(1, (await RoundAsync()).Reminded);
        Assert.Equal(0, (await RoundAsync()).Reminded);
        Assert.Single(await SentAsync("survey-reminder"));

        // A message without a score, while the survey is open, gets the survey's help and leaves it open.
        (await Sms("91112233", "hello", "h-1")).EnsureSuccessStatusCode();
        Assert.Equal(SurveyState.Asked, (await VisitAsync("R")).Survey);
        Assert.Contains("1-5", (await _factory.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "sms-reply").OrderBy(m => m.Id).Select(m => m.Body).ToListAsync())).Last());

        AdvanceTo(Day.AddDays(3), 10, 1); // two days after the question: the window is over
        Assert.Equal(1, (await RoundAsync()).Closed);
        var closed = await VisitAsync("R");
        Assert.Equal((SurveyState.Unanswered, null), (closed.Survey, closed.Phone));
        (await Sms("91112233", "4 fine", "late-1")).EnsureSuccessStatusCode();
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Feedback.CountAsync()));
    }

    [Fact]
    public async Task NoOneMaySayTheirOwnFeedbackIsASurveyAnswer()
    {
        var provider = await _factory.WithDbAsync(db => db.Providers.Where(p => p.Code == _centre).Select(p => p.Id).SingleAsync());
        var problem = await (await _client.PostAsJsonAsync("/api/v1/feedback", new { providerId = provider, score = 5, channel = "survey" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("channel", out _));
    }
}
