using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Scorecards;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Figures;

public sealed class ResponsivenessAndScorecardFiguresTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 20, 4, 0, 0, TimeSpan.Zero));
    private readonly MasamAppFactory _factory = new();
    private int _provider;

    public async Task InitializeAsync()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        _provider = await _factory.AddProviderAsync("MN18101");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private static DateTime Noon(int month, int day) => MongolianTime.ToUtc(new DateTime(2026, month, day, 12, 0, 0));

    private FeedbackItem Item(DateTime received, FeedbackStatus status) => new()
    {
        TrackingCode = TrackingCodes.New(), ProviderId = _provider, AimagCode = "181", Score = 4, Channel = FeedbackChannel.Web, Status = status,
        ReceivedAt = received, ReceivedMonth = MongolianTime.MonthOf(received), UpdatedAt = received, DueAt = AnswerDeadline.DueFor(received),
    };

    private async Task CountAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedbackAggregation>().FullAsync(default);
    }

    [Fact]
    public async Task Responsiveness_MatchesHandComputation_ForFeedbackAndActions()
    {
        await _factory.WithDbAsync(async db =>
        {
            var onTime = Item(Noon(3, 2), FeedbackStatus.Answered);
            onTime.RecordAnswer(Noon(3, 5));                                   // 3 days, before the deadline of 1 April
            var late = Item(Noon(3, 2), FeedbackStatus.Answered);
            late.RecordAnswer(Noon(4, 11));                                    // 40 days: late
            var closed = Item(Noon(3, 2), FeedbackStatus.Closed);
            closed.RecordAnswer(Noon(3, 12));                                  // 10 days
            closed.RecordClose(Noon(3, 14));                                   // closed after 12 days
            var overdue = Item(Noon(3, 2), FeedbackStatus.InProgress);        // still open on 20 April
            var notYetDue = Item(Noon(3, 31), FeedbackStatus.Received);        // due 30 April
            var rejected = Item(Noon(3, 2), FeedbackStatus.Rejected);         // not counted at all
            var april = Item(Noon(4, 2), FeedbackStatus.Received);             // another period
            db.Feedback.AddRange(onTime, late, closed, overdue, notYetDue, rejected, april);

            var unit = await db.AdminUnits.Where(u => u.Code == "MN18101").Select(u => u.Id).SingleAsync();
            ResponseAction Action(string title, int dueDay, ActionStatus status, DateTime? completed, decimal cost) => new()
            {
                Title = title, AdminUnitId = unit, ResponsibleProviderId = _provider, DueOn = new DateOnly(2026, 3, dueDay), Status = status,
                CompletedAt = completed, CostMnt = cost, CreatedAt = Noon(2, 1), UpdatedAt = Noon(2, 1),
            };
            db.ResponseActions.AddRange(
                Action("Done on time", 20, ActionStatus.Done, Noon(3, 20), 1_000_000m),
                Action("Done late", 20, ActionStatus.Done, Noon(3, 25), 500_000m),
                Action("Still going", 20, ActionStatus.InProgress, null, 250_000m),
                Action("Dropped", 20, ActionStatus.Dropped, null, 9_000_000m));
            await db.SaveChangesAsync();
        });
        await CountAsync();

        var figures = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/responsiveness?period=2026-03&adminUnit=181");

        var feedback = figures.GetProperty("feedback");
        Assert.Equal(5, feedback.GetProperty("received").GetInt32());
        Assert.Equal(4, feedback.GetProperty("due").GetInt32());
        Assert.Equal(3, feedback.GetProperty("answered").GetInt32());
        Assert.Equal(2, feedback.GetProperty("answeredOnTime").GetInt32());
        Assert.Equal(0.5, feedback.GetProperty("answeredOnTimeRate").GetDouble(), 10);
        Assert.Equal(1, feedback.GetProperty("closed").GetInt32());
        Assert.Equal(1, feedback.GetProperty("overdue").GetInt32());
        Assert.Equal(10, feedback.GetProperty("medianDaysToFirstAnswer").GetDouble());
        Assert.Equal(12, feedback.GetProperty("medianDaysToClose").GetDouble());

        var actions = figures.GetProperty("actions");
        Assert.Equal(3, actions.GetProperty("total").GetInt32());
        Assert.Equal(3, actions.GetProperty("due").GetInt32());
        Assert.Equal(2, actions.GetProperty("done").GetInt32());
        Assert.Equal(1, actions.GetProperty("doneOnTime").GetInt32());
        Assert.Equal(1.0 / 3, actions.GetProperty("doneOnTimeRate").GetDouble(), 10);
        Assert.Equal(1, actions.GetProperty("overdue").GetInt32());
        Assert.Equal(1, actions.GetProperty("dropped").GetInt32());
        Assert.Equal(1_750_000m, actions.GetProperty("costMnt").GetDecimal());

        var elsewhere = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/responsiveness?period=2026-03&adminUnit=267");
        Assert.Equal(0, elsewhere.GetProperty("feedback").GetProperty("received").GetInt32());
        Assert.Equal(0, elsewhere.GetProperty("actions").GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, elsewhere.GetProperty("feedback").GetProperty("medianDaysToFirstAnswer").ValueKind);
    }

    [Fact]
    public async Task AnItemPassingItsDeadline_TurnsOverdue_InTheNextIncrementalRun()
    {
        var received = Noon(3, 25); // due 24 April
        await _factory.WithDbAsync(async db =>
        {
            db.Feedback.Add(Item(received, FeedbackStatus.Acknowledged));
            await db.SaveChangesAsync();
        });
        await CountAsync();
        var before = await _factory.WithDbAsync(db => db.ResponsivenessCounts.SingleAsync());
        Assert.Equal((0, 0), (before.Due, before.Overdue));

        _clock.Advance(TimeSpan.FromDays(6));
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FeedbackAggregation>().IncrementalAsync(default);
        }

        var after = await _factory.WithDbAsync(db => db.ResponsivenessCounts.AsNoTracking().SingleAsync());
        Assert.Equal((1, 1), (after.Due, after.Overdue));
    }

    [Theory]
    [InlineData(new[] { 3, 1, 2 }, 2.0)]
    [InlineData(new[] { 4, 1, 2, 3 }, 2.5)]
    [InlineData(new[] { 7 }, 7.0)]
    public void Median_OfAHistogram_IsTheMedianOfTheValuesItStandsFor(int[] values, double median)
    {
        var histogram = values.GroupBy(v => v).Select(g => (g.Key, g.Count())).ToList();

        Assert.Equal(median, DayHistogram.Median(histogram));
        Assert.Null(DayHistogram.Median(Array.Empty<(int, int)>()));
        Assert.Equal(5.0, DayHistogram.Median([(1, 2), (5, 3), (9, 1)])); // 1 1 5 5 5 9
    }

    [Fact]
    public async Task ScorecardFigures_KeepEachGroupsScore_BesideTheConsolidatedScore_SelfScoreAndGap()
    {
        var cycleId = await _factory.WithDbAsync(async db =>
        {
            var library = await db.ScorecardIndicators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            ScorecardCycle Cycle(ScorecardStage stage) => new()
            {
                ProviderId = _provider, PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2026, 3, 31), FacilitatingGroup = "Иргэний нийгмийн байгууллага",
                Stage = stage, CreatedAt = Noon(1, 5), UpdatedAt = Noon(3, 31),
                Indicators =
                [
                    new CycleIndicator { LibraryIndicatorId = library, NameMn = "Эмчийн хүрэлцээ", NameEn = "Enough doctors", Position = 1 },
                    new CycleIndicator { NameMn = "Хүлээлгийн танхим", NameEn = "Waiting room", Position = 2 },
                ],
            };
            var agreed = Cycle(ScorecardStage.ActionPlanAgreed);
            var unfinished = Cycle(ScorecardStage.CommunityScoring);
            db.ScorecardCycles.AddRange(agreed, unfinished);
            await db.SaveChangesAsync();

            var (first, second) = (agreed.Indicators[0].Id, agreed.Indicators[1].Id);
            FocusGroup Group(FocusGroupType type, int participants, int score1, int score2) => new()
            {
                CycleId = agreed.Id, Type = type, Participants = participants, Female = 0, WithDisability = 0, Youth = 0,
                Scores = [new GroupScore { CycleIndicatorId = first, Score = score1 }, new GroupScore { CycleIndicatorId = second, Score = score2 }],
            };
            db.FocusGroups.AddRange(Group(FocusGroupType.Women, 12, 4, 3), Group(FocusGroupType.Herders, 9, 2, 4));
            agreed.SelfScores.AddRange([new SelfScore { CycleIndicatorId = first, Score = 5 }, new SelfScore { CycleIndicatorId = second, Score = 3 }]);
            await db.SaveChangesAsync();
            return agreed.Id;
        });
        await CountAsync();

        var figures = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/scorecard-figures?period=2026-Q1&adminUnit=181");

        var cycle = Assert.Single(figures.GetProperty("cycles").EnumerateArray());
        Assert.Equal(cycleId, cycle.GetProperty("cycleId").GetInt32());
        var indicators = cycle.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal([4, 2], indicators[0].GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("score").GetInt32()));
        Assert.Equal(["women", "herders"], indicators[0].GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("groupType").GetString()));
        Assert.Equal(3.00m, indicators[0].GetProperty("communityScore").GetDecimal());
        Assert.Equal(5, indicators[0].GetProperty("selfScore").GetInt32());
        Assert.Equal(2.00m, indicators[0].GetProperty("gap").GetDecimal());
        Assert.Equal(3.50m, indicators[1].GetProperty("communityScore").GetDecimal());
        Assert.Equal(-0.50m, indicators[1].GetProperty("gap").GetDecimal());
        var summary = Assert.Single(figures.GetProperty("indicators").EnumerateArray());
        Assert.Equal(1, summary.GetProperty("cycles").GetInt32());
        Assert.Equal(3.00m, summary.GetProperty("meanCommunityScore").GetDecimal());

        var otherQuarter = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/scorecard-figures?period=2026-Q2&adminUnit=181");
        Assert.Empty(otherQuarter.GetProperty("cycles").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/responsiveness?period=2026-Q5", "period")]
    [InlineData("/api/v1/responsiveness?period=2026&provider=999999", "provider")]
    [InlineData("/api/v1/responsiveness?period=2026&sector=astrology", "sector")]
    [InlineData("/api/v1/scorecard-figures?period=26", "period")]
    [InlineData("/api/v1/scorecard-figures?period=2026&adminUnit=nowhere", "adminUnit")]
    public async Task BadFilters_AreNamed(string url, string field)
    {
        var problem = await (await _factory.CreateClient().GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
    }
}
