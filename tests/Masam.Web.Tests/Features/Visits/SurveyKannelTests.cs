using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Sms;
using Masam.Web.Features.Visits;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Features.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Visits;

/// <summary>A real Kannel in front of an app whose clock the test drives.</summary>
public sealed class SurveyKannel : RealKannel
{
    public SurveyKannel() => Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
}

[CollectionDefinition(nameof(SurveyKannelTests))]
public sealed class SurveyKannelCollection : ICollectionFixture<SurveyKannel>;

/// <summary>
/// The survey end to end through a real Kannel and its fake operator link (fakesmsc): visits
/// uploaded, drawn, the question delivered after the delay and outside the quiet hours, the answer
/// back through Kannel as verified feedback, counted; a phone that sent STOP never asked; the number
/// gone from the database after the window.
/// </summary>
[Collection(nameof(SurveyKannelTests))]
public sealed class SurveyKannelTests(SurveyKannel kannel)
{
    private FakeTimeProvider Clock => kannel.Clock!;

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = kannel.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [KannelFact]
    public async Task Uploaded_Drawn_AskedNextMorning_AnsweredThroughKannel_Verified_Counted_AndTheNumberGone()
    {
        var app = kannel.App;
        var providerId = await app.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ", "civil-registration");
        await SmsEndpointTests.GiveSmsCodesAsync(app, providerId);
        var provider = await app.WithDbAsync(db => db.Providers.Where(p => p.Id == providerId).Select(p => p.Code).SingleAsync());
        Assert.Contains("ЭХЛЭХ", Assert.Single(await kannel.SendAsync("99110051", "ЗОГС"))); // this phone stopped before its visit

        await app.CreateStaffAsync("survey.admin@test.mn", StaffRoles.Admin);
        var admin = await app.ClientForAsync("survey.admin@test.mn");
        var visitedAt = MongolianTime.ToLocal(Clock.GetUtcNow().UtcDateTime).AddHours(-1).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var csv = $"visit_id,provider,service_line,visited_at,phone\nK-1,{provider},civil-registration,{visitedAt},99110050\nK-2,{provider},,{visitedAt},99110051\n";
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "visits.csv");
        Assert.Equal(2, (await (await admin.PostAsync("/api/v1/staff/visits/files", form)).ReadJsonAsync()).GetProperty("received").GetInt32());

        Task<SurveyRoundResult> Round() => InScopeAsync(s => s.GetRequiredService<SurveyRound>().ExecuteAsync(CancellationToken.None));
        Assert.Equal(SurveyRoundResult.Nothing, await Round()); // the delay has not passed
        var nextDay = MongolianTime.DateOf(Clock.GetUtcNow().UtcDateTime).AddDays(1);
        Clock.SetUtcNow(MongolianTime.ToUtc(nextDay.ToDateTime(new TimeOnly(6, 30)))); // past the delay, in the quiet hours
        Assert.Equal((1, 1, 0), await Round() is var night ? (night.Drawn, night.NotDrawn, night.Asked) : default);
        Clock.SetUtcNow(MongolianTime.ToUtc(nextDay.ToDateTime(new TimeOnly(10, 0))));
        Assert.Equal(1, (await Round()).Asked);

        var question = Assert.Single(await kannel.ListenAsync("99110050", 1));
        Assert.Contains("1-5", question);
        Assert.True(SmsReplies.FitsOneSegment(question), question);
        var thanks = Assert.Single(await kannel.SendAsync("99110050", "4 oochlaarai dugaar urt"));
        Assert.StartsWith("Bayarlalaa", thanks);

        var visits = await app.WithDbAsync(db => db.Set<ServiceVisit>().AsNoTracking().OrderBy(v => v.ExternalId).ToListAsync());
        Assert.Equal([SurveyState.Answered, SurveyState.NotAsked], visits.Select(v => v.Survey));
        var feedback = await app.WithDbAsync(db => db.Feedback.SingleAsync(f => f.Id == visits[0].FeedbackId));
        Assert.Equal((FeedbackChannel.Survey, 4, "oochlaarai dugaar urt"), (feedback.Channel, feedback.Score, feedback.Comment));
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.Kind.StartsWith("survey") && m.To == "99110051")));

        Clock.Advance(FeedbackAggregation.SettleTime * 2); // counting waits for rows to settle
        await InScopeAsync(s => s.GetRequiredService<FeedbackAggregation>().FullAsync(CancellationToken.None));
        var counted = await app.WithDbAsync(db => db.FeedbackCounts.Where(c => c.ProviderId == providerId && c.Dimension == "channel" && c.Value == "survey").SumAsync(c => c.C4));
        Assert.Equal(1, counted);

        // After the window: no raw number anywhere in the database's visits or outbox.
        Clock.SetUtcNow(MongolianTime.ToUtc(nextDay.AddDays(8).ToDateTime(new TimeOnly(10, 0))));
        await Round();
        await InScopeAsync(s => s.GetRequiredService<VisitPhonePurge>().ExecuteAsync(CancellationToken.None));
        Assert.True(await Eventually.WaitAsync(() => app.WithDbAsync(db => db.Outbox.AllAsync(m => !m.To.Contains("9911005")))));
        var raw = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT COALESCE(\"Phone\", '') AS \"Value\" FROM \"ServiceVisits\"").ToListAsync());
        Assert.All(raw, phone => Assert.Equal("", phone));
    }
}
