using Masam.Web.Tests.TestSupport;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Figures;

public sealed class FeedbackAggregationTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero));
    private readonly MasamAppFactory _factory = new();
    private int[] _providers = [];

    public async Task InitializeAsync()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        _providers = [await _factory.AddProviderAsync("MN18101", serviceLines: ["tax"]), await _factory.AddProviderAsync("MN26701")];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task AddAsync(int provider, int score, DateTime receivedUtc, Gender? gender = null, FeedbackStatus status = FeedbackStatus.Received, string? line = null) =>
        _factory.WithDbAsync(async db =>
        {
            db.Feedback.Add(new FeedbackItem
            {
                TrackingCode = TrackingCodes.New(), ProviderId = provider, AimagCode = db.AimagOf(provider), Score = score, Gender = gender, Status = status, ServiceLineCode = line,
                Channel = FeedbackChannel.Sms, ReceivedAt = receivedUtc, ReceivedMonth = MongolianTime.MonthOf(receivedUtc),
                UpdatedAt = _clock.GetUtcNow().UtcDateTime, DueAt = AnswerDeadline.DueFor(receivedUtc),
            });
            await db.SaveChangesAsync();
        });

    private Task<T> WithAggregationAsync<T>(Func<FeedbackAggregation, Task<T>> run) =>
        _factory.WithDbAsync(async db =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            return await run(scope.ServiceProvider.GetRequiredService<FeedbackAggregation>());
        });

    private Task<List<string>> CountsAsync() => _factory.WithDbAsync(db => db.FeedbackCounts.AsNoTracking()
        .OrderBy(c => c.ProviderId).ThenBy(c => c.Month).ThenBy(c => c.Dimension).ThenBy(c => c.Value)
        .Select(c => $"{c.ProviderId} {c.Month:yyyy-MM} {c.Dimension}={c.Value}: {c.C1} {c.C2} {c.C3} {c.C4} {c.C5}").ToListAsync());

    /// <summary>Every stored figure row, as text in a fixed order, so that two states compare as wholes.</summary>
    private async Task<List<string>> FiguresAsync() => [.. await CountsAsync(), .. await _factory.WithDbAsync(async db =>
    {
        var responsiveness = await db.ResponsivenessCounts.AsNoTracking().OrderBy(c => c.ProviderId).ThenBy(c => c.Month)
            .Select(c => $"{c.ProviderId} {c.Month:yyyy-MM} received {c.Received} due {c.Due} answered {c.Answered}/{c.AnsweredOnTime} closed {c.Closed} " +
                $"overdue {c.Overdue} days to answer [{c.DaysToAnswer}] to close [{c.DaysToClose}]")
            .ToListAsync();
        return responsiveness;
    })];

    [Fact]
    public async Task Full_CountsEachScorePerProviderMonthAndDimension_LeavingOutRejected()
    {
        var march = new DateTime(2026, 3, 10, 4, 0, 0, DateTimeKind.Utc);
        await AddAsync(_providers[0], 5, march, Gender.Female, line: "tax");
        await AddAsync(_providers[0], 4, march, Gender.Female);
        await AddAsync(_providers[0], 1, march, Gender.Male);
        await AddAsync(_providers[0], 2, march, status: FeedbackStatus.Rejected);
        // 20:00 UTC on 28 February is already 1 March in Ulaanbaatar.
        await AddAsync(_providers[1], 3, new DateTime(2026, 2, 28, 20, 0, 0, DateTimeKind.Utc));
        await AddAsync(_providers[1], 1, march);
        _clock.Advance(FeedbackAggregation.SettleTime);
        // Stored within the settle time of the run: left to the next one.
        await AddAsync(_providers[1], 5, march);

        var run = await WithAggregationAsync(a => a.FullAsync(default));

        var counts = await CountsAsync();
        Assert.Contains($"{_providers[0]} 2026-03 all=: 1 0 0 1 1", counts);
        Assert.Contains($"{_providers[0]} 2026-03 gender=female: 0 0 0 1 1", counts);
        Assert.Contains($"{_providers[0]} 2026-03 gender=male: 1 0 0 0 0", counts);
        Assert.Contains($"{_providers[0]} 2026-03 service-line=tax: 0 0 0 0 1", counts);
        Assert.Contains($"{_providers[0]} 2026-03 service-line=not-given: 1 0 0 1 0", counts);
        Assert.Contains($"{_providers[1]} 2026-03 all=: 1 0 1 0 0", counts);
        Assert.DoesNotContain(counts, c => c.Contains("2026-02"));
        Assert.Equal("full", run.Kind);
        Assert.Equal(FeedbackAggregation.MethodVersion, run.MethodVersion);
        Assert.Equal(2, run.CellsRecounted);
    }

    [Fact]
    public async Task Incremental_EndsWithTheRowsAFullRecountGives_StepAfterStep()
    {
        var random = new Random(2026);
        await WithAggregationAsync(a => a.FullAsync(default));
        for (var step = 0; step < 12; step++)
        {
            for (var i = 0; i < 40; i++)
            {
                var received = _clock.GetUtcNow().UtcDateTime.AddDays(-random.Next(0, 120)).AddHours(-random.Next(0, 24));
                await AddAsync(_providers[random.Next(2)], random.Next(1, 6), received,
                    random.Next(4) switch { 0 => Gender.Female, 1 => Gender.Male, 2 => Gender.Other, _ => null },
                    line: random.Next(3) == 0 ? "tax" : null);
            }

            // Some earlier feedback turns out to be spam, which takes it out of the figures; some is
            // answered, some closed; and so is some that came in since the last run.
            await _factory.WithDbAsync(async db =>
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                var open = db.Feedback.Where(f => f.Status != FeedbackStatus.Rejected && f.Status != FeedbackStatus.Closed);
                var touched = (await open.OrderBy(f => f.Id).Skip(random.Next(0, 20)).Take(9).ToListAsync())
                    .Concat(await open.OrderByDescending(f => f.Id).Skip(random.Next(0, 10)).Take(3).ToListAsync()).DistinctBy(f => f.Id).ToList();
                foreach (var f in touched.Where((_, i) => i % 4 == 0)) (f.Status, f.UpdatedAt) = (FeedbackStatus.Rejected, now);
                foreach (var f in touched.Where((_, i) => i % 4 != 0 && touched[i].ReceivedAt < now))
                {
                    f.RecordAnswer(now);
                    (f.Status, f.UpdatedAt) = (FeedbackStatus.Answered, now);
                    if (random.Next(2) == 0)
                    {
                        f.RecordClose(now);
                        f.Status = FeedbackStatus.Closed;
                    }
                }

                await db.SaveChangesAsync();
            });

            // Time passes, now and then by days, so that deadlines pass without anything being touched;
            // and feedback comes in just before the run, too young to be counted by it.
            _clock.Advance(step % 2 == 0 ? TimeSpan.FromMinutes(16) : TimeSpan.FromDays(random.Next(3, 20)));
            await AddAsync(_providers[random.Next(2)], random.Next(1, 6), _clock.GetUtcNow().UtcDateTime.AddHours(-random.Next(0, 48)));
            var run = await WithAggregationAsync(a => a.IncrementalAsync(default));
            Assert.Equal("incremental", run.Kind);

            // A full run every third step, so that incremental runs also build on incremental runs.
            if (step % 3 == 2)
            {
                var incremental = await FiguresAsync();
                await WithAggregationAsync(a => a.FullAsync(default));
                Assert.Equal(await FiguresAsync(), incremental);
            }
        }
    }

    [Fact]
    public async Task Incremental_AddsNewFeedbackToTheStoredTallies_AndRecountsOnlyTheCellsWhoseCountedFeedbackChanged()
    {
        var march = new DateTime(2026, 3, 1, 4, 0, 0, DateTimeKind.Utc);
        await AddAsync(_providers[0], 4, march);
        await AddAsync(_providers[1], 2, march);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await WithAggregationAsync(a => a.FullAsync(default));

        await AddAsync(_providers[0], 5, march.AddDays(1));
        await AddAsync(_providers[1], 1, march.AddDays(2));
        await _factory.WithDbAsync(async db =>
        {
            var item = await db.Feedback.OrderBy(f => f.Id).FirstAsync(f => f.ProviderId == _providers[1]);
            (item.Status, item.UpdatedAt) = (FeedbackStatus.Rejected, _clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        _clock.Advance(TimeSpan.FromMinutes(2));
        var run = await WithAggregationAsync(a => a.IncrementalAsync(default));

        Assert.Equal((1, 1), (run.CellsRecounted, run.CellsAdded));
        Assert.Equal(await _factory.WithDbAsync(db => db.Feedback.MaxAsync(f => f.Id)), run.FeedbackIdTo);
        var counts = await CountsAsync();
        Assert.Contains($"{_providers[0]} 2026-03 all=: 0 0 0 1 1", counts);
        Assert.Contains($"{_providers[1]} 2026-03 all=: 1 0 0 0 0", counts);
    }

    [Fact]
    public async Task RunningTwice_GivesIdenticalRows_AndAnIncrementalRunWithNothingNewRecountsNothing()
    {
        await AddAsync(_providers[0], 4, new DateTime(2026, 3, 1, 4, 0, 0, DateTimeKind.Utc));
        _clock.Advance(TimeSpan.FromMinutes(2)); // older than the settle time, so the full run's watermark covers it
        await WithAggregationAsync(a => a.FullAsync(default));
        var first = await CountsAsync();

        await WithAggregationAsync(a => a.FullAsync(default));
        _clock.Advance(TimeSpan.FromMinutes(16));
        var quiet = await WithAggregationAsync(a => a.IncrementalAsync(default));

        Assert.Equal(first, await CountsAsync());
        Assert.Equal(0, quiet.CellsRecounted);
    }

    [Fact]
    public async Task ARunThatDiesHalfWay_LeavesThePreviousFiguresIntact_AndTheNextRunCompletes()
    {
        await AddAsync(_providers[0], 4, new DateTime(2026, 3, 1, 4, 0, 0, DateTimeKind.Utc));
        _clock.Advance(TimeSpan.FromMinutes(2));
        var first = await WithAggregationAsync(a => a.FullAsync(default));
        var before = await FiguresAsync();

        await AddAsync(_providers[1], 2, new DateTime(2026, 3, 2, 4, 0, 0, DateTimeKind.Utc));
        await _factory.WithDbAsync(async db =>
        {
            var item = await db.Feedback.FirstAsync(f => f.ProviderId == _providers[0]);
            item.RecordAnswer(_clock.GetUtcNow().UtcDateTime);
            (item.Status, item.UpdatedAt) = (FeedbackStatus.Answered, _clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            // The store fails once the scores are rewritten and the responsiveness rows are being written: the run dies mid-way.
            await db.Database.ExecuteSqlRawAsync(_factory.IsPostgres
                ? """
                  CREATE FUNCTION fail_mid_run() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk failed'; END $$;
                  CREATE TRIGGER fail_mid_run BEFORE INSERT ON "ResponsivenessCounts" FOR EACH ROW EXECUTE FUNCTION fail_mid_run();
                  """
                : "CREATE TRIGGER fail_mid_run BEFORE INSERT ON ResponsivenessCounts BEGIN SELECT RAISE(ABORT, 'disk failed'); END;");
        });
        _clock.Advance(TimeSpan.FromMinutes(2));

        await Assert.ThrowsAnyAsync<Exception>(() => WithAggregationAsync(a => a.FullAsync(default)));
        await Assert.ThrowsAnyAsync<Exception>(() => WithAggregationAsync(a => a.IncrementalAsync(default)));

        Assert.Equal(before, await FiguresAsync());
        Assert.Equal([first.Id], await _factory.WithDbAsync(db => db.AggregationRuns.Select(r => r.Id).ToListAsync()));

        await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(_factory.IsPostgres
            ? """DROP TRIGGER fail_mid_run ON "ResponsivenessCounts"; DROP FUNCTION fail_mid_run();"""
            : "DROP TRIGGER fail_mid_run;"));
        var next = await WithAggregationAsync(a => a.IncrementalAsync(default));
        var after = await FiguresAsync();
        Assert.Equal("incremental", next.Kind);
        Assert.Contains($"{_providers[1]} 2026-03 all=: 0 1 0 0 0", after);
        Assert.Contains(after, row => row.StartsWith($"{_providers[0]} 2026-03 received 1 due 1 answered 1/1", StringComparison.Ordinal));
        await WithAggregationAsync(a => a.FullAsync(default));
        Assert.Equal(await FiguresAsync(), after);
    }

    [Fact]
    public async Task AChangeYoungerThanTheSettleTime_WaitsForTheNextRun()
    {
        await WithAggregationAsync(a => a.FullAsync(default));
        _clock.Advance(TimeSpan.FromMinutes(30));
        await AddAsync(_providers[0], 5, new DateTime(2026, 3, 20, 4, 0, 0, DateTimeKind.Utc));

        await WithAggregationAsync(a => a.IncrementalAsync(default));
        Assert.Empty(await CountsAsync());

        _clock.Advance(FeedbackAggregation.SettleTime + TimeSpan.FromSeconds(1));
        await WithAggregationAsync(a => a.IncrementalAsync(default));
        Assert.NotEmpty(await CountsAsync());
    }

    [Fact]
    public async Task AFreshInstall_CountsRightAfterStartUp_AndTheRunsRecurUnderStableIds()
    {
        using var factory = new MasamAppFactory(("Masam:Figures:AggregateOnStart", "true"), ("Masam:Figures:AggregationCron", "*/5 * * * *"));
        _ = factory.Server;

        var counted = await Eventually.WaitAsync(() => factory.WithDbAsync(db => db.AggregationRuns.AnyAsync(r => r.Kind == "full")));
        Assert.True(counted, "no aggregation ran after start-up");
        using var connection = factory.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var jobs = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).ToDictionary(j => j.Id, j => j.Cron);
        Assert.Equal("*/5 * * * *", jobs["figures-incremental"]);
        Assert.Equal("30 2 * * *", jobs["figures-full"]);
        Assert.Equal("15 3 * * *", jobs["idempotency-purge"]);
        Assert.Equal("55 3 * * *", jobs["rate-window-purge"]);
        Assert.Contains("overdue-check", jobs.Keys);
    }
}
