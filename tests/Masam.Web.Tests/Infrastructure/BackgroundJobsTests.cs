using Hangfire;
using Hangfire.Storage;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Publications;
using Masam.Web.Features.Reminders;
using Masam.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Infrastructure;

/// <summary>Each feature declares its own recurring jobs; the host registers them all, in Mongolian time.</summary>
public sealed class BackgroundJobsTests
{
    [Fact]
    public void EveryFeaturesRecurringJob_IsRegistered_WithTheCronOfItsFeaturesOptions_InMongolianTime()
    {
        using var factory = new MasamAppFactory(
            ("Masam:Figures:AggregationCron", "*/7 * * * *"), ("Masam:Figures:FullAggregationCron", "10 1 * * *"),
            ("Masam:Reminders:OverdueCheckCron", "20 1 * * *"), ("Masam:Feedback:IdempotencyPurgeCron", "30 1 * * *"),
            ("Masam:Publications:DraftCron", "40 1 2 * *"), ("Masam:Publications:IntegrityCheckCron", "50 1 * * *"),
            ("Masam:RateLimit:WindowPurgeCron", "55 1 * * *"), ("Masam:Visits:PhonePurgeCron", "5 * * * *"),
            ("Masam:Visits:Survey:RoundCron", "*/3 * * * *"), ("Masam:Scrutiny:ScanCron", "25 * * * *"));
        factory.CreateClient();

        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        Assert.Equal(
            new Dictionary<string, string>
            {
                [FiguresFeature.AggregationJobId] = "*/7 * * * *", [FiguresFeature.FullAggregationJobId] = "10 1 * * *",
                [RemindersFeature.OverdueCheckJobId] = "20 1 * * *", [FeedbackFeature.IdempotencyPurgeJobId] = "30 1 * * *",
                [PublicationsFeature.DraftJobId] = "40 1 2 * *", [PublicationsFeature.IntegrityJobId] = "50 1 * * *",
                [RateWindows.PurgeJobId] = "55 1 * * *", [Masam.Web.Features.Visits.VisitsFeature.PhonePurgeJobId] = "5 * * * *",
                [Masam.Web.Features.Visits.VisitsFeature.SurveyRoundJobId] = "*/3 * * * *", [Masam.Web.Features.Scrutiny.ScrutinyFeature.ScanJobId] = "25 * * * *",
            },
            jobs.ToDictionary(j => j.Key, j => j.Value.Cron));
        Assert.All(jobs.Values, job => Assert.Equal(MongolianTime.Zone.Id, job.TimeZoneId));
    }

    [Fact]
    public void TheJobStore_IsBesideTheAppsOwnDatabase_WhenNoPathIsGiven()
    {
        // Two installations on one machine, each with its own database file: each keeps its own job store.
        using var first = MasamAppFactory.OnSqlite(("Masam:Jobs:Storage", "Sqlite"));
        using var second = MasamAppFactory.OnSqlite(("Masam:Jobs:Storage", "Sqlite"));
        first.CreateClient();
        second.CreateClient();

        foreach (var app in new[] { first, second })
        {
            var beside = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "hangfire.db");
            Assert.True(File.Exists(beside), $"no job store at {beside}");
            Assert.Equal(beside, Masam.Web.Features.Operations.DataLocations.From(app.Configuration(), app.Folder).HangfireDatabase);
        }

        Assert.NotEqual(first.DatabasePath, second.DatabasePath);
    }

    [Fact]
    public void HangfiresProcessWideLogProvider_SurvivesTheAppThatSetItStopping()
    {
        // Hangfire keeps one log provider per process; the last app to start sets it. Once that app
        // has stopped, another app starting in the same process (as tests do) still asks it for loggers.
        using (var stopped = new MasamAppFactory())
        {
            stopped.CreateClient();
        }

        // (Another test's app may have set a live provider meanwhile; either way nothing may throw.)
        var error = Record.Exception(() => Hangfire.Logging.LogProvider.GetLogger("after-the-app-stopped").Log(Hangfire.Logging.LogLevel.Info, () => "a message"));

        Assert.Null(error);
    }

    [Fact]
    public void MongolianTime_IsUtcPlusEight_AllYear()
    {
        Assert.Equal("Asia/Ulaanbaatar", MongolianTime.Zone.Id);
        Assert.Equal(TimeSpan.FromHours(8), MongolianTime.Zone.GetUtcOffset(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(8), MongolianTime.Zone.GetUtcOffset(new DateTime(2026, 7, 15, 0, 0, 0, DateTimeKind.Utc)));
    }
}
