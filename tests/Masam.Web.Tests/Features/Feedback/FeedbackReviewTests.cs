using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class FeedbackReviewTests() : ResponderTestBase(serviceLines: "tax")
{
    private async Task<(long Id, string Code)> SubmitAsync(FeedbackStatus status = FeedbackStatus.Received)
    {
        var (id, code) = await SubmitFeedbackAsync(new { providerId = ProviderId, score = 2, contact = new { phone = "99112233" } });
        await Factory.WithDbAsync(async db =>
        {
            (await db.Feedback.SingleAsync(f => f.Id == id)).Status = status;
            await db.SaveChangesAsync();
        });
        return (id, code);
    }

    private async Task<int> VersionAsync(long id) => await Factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == id).Select(f => f.Version).SingleAsync());

    private async Task<HttpResponseMessage> PostAsync(long id, string action, object body) =>
        await Official.PostAsJsonAsync($"/api/v1/staff/feedback/{id}/{action}", body);

    public static TheoryData<FeedbackStatus, string, bool> Transitions()
    {
        var data = new TheoryData<FeedbackStatus, string, bool>();
        foreach (var from in Enum.GetValues<FeedbackStatus>())
        {
            foreach (var to in new[] { FeedbackStatus.Acknowledged, FeedbackStatus.InProgress, FeedbackStatus.Closed, FeedbackStatus.Rejected })
            {
                data.Add(from, WireEnum<FeedbackStatus>.Name(to), FeedbackLifecycle.CanMove(from, to));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task StatusChange_IsAllowedOrRefused_AsTheLifecycleSays(FeedbackStatus from, string to, bool allowed)
    {
        var (id, _) = await SubmitAsync(from);

        var response = await PostAsync(id, "status", new { status = to, rejectionReason = "outside-remit", version = await VersionAsync(id) });

        if (allowed)
        {
            var detail = await response.ReadJsonAsync();
            Assert.Equal(to, detail.GetProperty("feedback").GetProperty("status").GetString());
        }
        else
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains($"'{WireEnum<FeedbackStatus>.Name(from)}'", problem.GetProperty("detail").GetString());
            Assert.Equal(from, await Factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == id).Select(f => f.Status).SingleAsync()));
        }
    }

    [Fact]
    public void TheLifecycle_IsTheOneDescribed()
    {
        Assert.Equal([FeedbackStatus.Acknowledged, FeedbackStatus.InProgress, FeedbackStatus.Rejected], FeedbackLifecycle.AllowedAfter(FeedbackStatus.Received));
        Assert.Equal([FeedbackStatus.Closed, FeedbackStatus.InProgress], FeedbackLifecycle.AllowedAfter(FeedbackStatus.Answered));
        Assert.Empty(FeedbackLifecycle.AllowedAfter(FeedbackStatus.Closed));
        Assert.Empty(FeedbackLifecycle.AllowedAfter(FeedbackStatus.Rejected));
    }

    [Fact]
    public async Task SettingAnsweredByHand_IsRefused_AnAnswerIsNeeded()
    {
        var (id, _) = await SubmitAsync();

        var problem = await (await PostAsync(id, "status", new { status = "answered", version = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("status"));
    }

    [Fact]
    public async Task Rejection_NeedsAReason_AndADuplicateNeedsItsOriginal()
    {
        var (original, _) = await SubmitAsync();
        var (id, code) = await SubmitAsync();

        var noReason = await (await PostAsync(id, "status", new { status = "rejected", version = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noReason.FieldErrors("rejectionReason"));
        var noOriginal = await (await PostAsync(id, "status", new { status = "rejected", rejectionReason = "duplicate", version = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noOriginal.FieldErrors("duplicateOf"));

        var done = await (await PostAsync(id, "status", new { status = "rejected", rejectionReason = "duplicate", duplicateOf = original, version = 0 })).ReadJsonAsync();
        Assert.Equal(original, done.GetProperty("duplicateOf").GetInt64());
        Assert.Equal("rejected", (await Public.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task APublicAnswer_MakesTheItemAnswered_AndTheCitizenSeesIt_ButNotTheInternalNote()
    {
        var (id, code) = await SubmitAsync();

        var noted = await (await PostAsync(id, "responses", new { body = "Дотоод: ээлжийн ахлагчтай ярих", @public = false, version = 0 })).ReadJsonAsync();
        Assert.Equal("received", noted.GetProperty("feedback").GetProperty("status").GetString());
        var answered = await (await PostAsync(id, "responses", new { body = "Цонхны тоог нэмлээ.", @public = true, version = 1 })).ReadJsonAsync();
        Assert.Equal("answered", answered.GetProperty("feedback").GetProperty("status").GetString());
        Assert.Equal(2, answered.GetProperty("responses").GetArrayLength());

        var view = await Public.GetStringAsync($"/api/v1/feedback/{code}");
        Assert.Contains("Цонхны тоог нэмлээ.", view);
        Assert.DoesNotContain("Дотоод", view);
        Assert.DoesNotContain("99112233", view);
        var page = await Public.GetStringAsync($"/track/{code}");
        Assert.Contains("Цонхны тоог нэмлээ.", page);
        Assert.DoesNotContain("Дотоод", page);
    }

    [Theory]
    [InlineData(FeedbackStatus.Closed)]
    [InlineData(FeedbackStatus.Rejected)]
    public async Task AnswerOnAFinishedItem_IsRefused(FeedbackStatus status)
    {
        var (id, _) = await SubmitAsync(status);

        await (await PostAsync(id, "responses", new { body = "Хариу", @public = true, version = 0 })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheDeadline_IsThirtyDays_AndTheItemTurnsOverdueAfterIt()
    {
        var (id, code) = await SubmitAsync();
        var view = await Public.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        Assert.Equal("2026-04-01", view.GetProperty("dueOn").GetString());
        Assert.False(view.GetProperty("overdue").GetBoolean());

        Clock.Advance(TimeSpan.FromDays(31));

        Assert.True((await Public.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}")).GetProperty("overdue").GetBoolean());
        var official = await Factory.ClientForAsync("zavkhan@test.mn"); // the morning's token has long expired
        var overdue = await official.GetFromJsonAsync<JsonElement>("/api/v1/staff/feedback?overdue=true");
        Assert.Equal(id, overdue.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.True(overdue.GetProperty("items")[0].GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Extension_HappensOnce_WithAReasonTheCitizenSees()
    {
        var (id, code) = await SubmitAsync();

        var tooLong = await (await PostAsync(id, "extension", new { days = 31, reason = "x", version = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(tooLong.FieldErrors("days"));
        var extended = await PostAsync(id, "extension", new { days = 30, reason = "Аймгийн шийдвэр хүлээж байна.", version = 0 });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var again = await PostAsync(id, "extension", new { days = 5, reason = "Дахин", version = 1 });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);

        var view = await Public.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        Assert.Equal("2026-05-01", view.GetProperty("dueOn").GetString());
        Assert.Equal("Аймгийн шийдвэр хүлээж байна.", view.GetProperty("extensionReason").GetString());
        Assert.Contains("Аймгийн шийдвэр хүлээж байна.", await Public.GetStringAsync($"/track/{code}"));
    }

    [Fact]
    public async Task TwoOfficialsSavingTheSameVersion_TheSecondGets409WithTheCurrentVersion()
    {
        var (id, _) = await SubmitAsync();

        var first = await PostAsync(id, "status", new { status = "acknowledged", version = 0 });
        var second = await PostAsync(id, "responses", new { body = "Хожуу хариу", @public = true, version = 0 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(0, await Factory.WithDbAsync(db => db.FeedbackResponses.CountAsync()));
    }

    [Fact]
    public async Task OutOfScope_Is404_AndReadOnlyRolesCannotAnswer()
    {
        var elsewhere = await Factory.AddProviderAsync("MN51110");
        var receipt = await (await Public.PostAsJsonAsync("/api/v1/feedback", new { providerId = elsewhere, score = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        var stored = TrackingCodes.Normalize(receipt.GetProperty("trackingCode").GetString());
        var otherId = await Factory.WithDbAsync(db => db.Feedback.Where(f => f.TrackingCode == stored).Select(f => f.Id).SingleAsync());
        await Factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        var analyst = await Factory.ClientForAsync("analyst@test.mn");

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(otherId, "responses", new { body = "x", @public = true, version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync($"/api/v1/staff/feedback/{otherId}/responses", new { body = "x", @public = true, version = 0 })).StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.FeedbackResponses.CountAsync()));
    }

    [Fact]
    public async Task TheCitizen_RatesTheAnswerOnce_AndOnlyOnceThereIsOne()
    {
        var (id, code) = await SubmitAsync();

        await (await Public.PostAsJsonAsync($"/api/v1/feedback/{code}/rating", new { rating = 4 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await PostAsync(id, "responses", new { body = "Шийдвэрлэлээ.", @public = true, version = 0 });
        await (await Public.PostAsJsonAsync($"/api/v1/feedback/{code}/rating", new { rating = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);

        var rated = await (await Public.PostAsJsonAsync($"/api/v1/feedback/{code}/rating", new { rating = 4 })).ReadJsonAsync();
        Assert.Equal(4, rated.GetProperty("answerRating").GetInt32());
        Assert.False(rated.GetProperty("canRate").GetBoolean());

        var again = await Public.PostAsJsonAsync($"/api/v1/feedback/{code}/rating", new { rating = 1 });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(4, await Factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == id).Select(f => f.AnswerRating).SingleAsync()));
    }

    [Fact]
    public async Task Inbox_FiltersByStatus_AndCountsEveryStatus()
    {
        await SubmitAsync();
        await SubmitAsync(FeedbackStatus.InProgress);
        await SubmitAsync(FeedbackStatus.InProgress);

        var inbox = await Official.GetFromJsonAsync<JsonElement>("/api/v1/staff/feedback?status=in-progress&sort=due");

        Assert.Equal(2, inbox.GetProperty("total").GetInt32());
        Assert.Equal(2, inbox.GetProperty("countsByStatus").GetProperty("in-progress").GetInt32());
        Assert.Equal(1, inbox.GetProperty("countsByStatus").GetProperty("received").GetInt32());
        Assert.Equal(0, inbox.GetProperty("countsByStatus").GetProperty("closed").GetInt32());
        await (await Official.GetAsync("/api/v1/staff/feedback?status=lost")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await Official.GetAsync("/api/v1/staff/feedback?sort=random")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EveryReviewChange_IsAudited()
    {
        var (id, _) = await SubmitAsync();
        await PostAsync(id, "status", new { status = "acknowledged", version = 0 });
        await PostAsync(id, "responses", new { body = "Хариу", @public = true, version = 1 });

        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Feedback" && e.EntityId == id.ToString())
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.ActorName, e.After }).ToListAsync());

        Assert.Equal(["feedback.status", "feedback.answer"], actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal("zavkhan@test.mn", a.ActorName));
        Assert.Contains("Хариу", actions[1].After);
    }
}
