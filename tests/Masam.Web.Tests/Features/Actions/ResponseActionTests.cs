using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Actions;

public sealed class ResponseActionTests() : ResponderTestBase("Улиастай сумын ТҮНЦТ")
{
    private Task<(long Id, string Code)> FeedbackAsync(int provider) => SubmitFeedbackAsync(new { providerId = provider, score = 1 });

    private async Task<JsonElement> CreateAsync(long feedbackId) => await (await Official.PostAsJsonAsync("/api/v1/staff/actions", new
    {
        title = "Үйлчилгээний хоёр дахь цонх нээх",
        description = "Өглөөний дарааллыг багасгахын тулд",
        responsibleProviderId = ProviderId,
        dueOn = "2026-04-30",
        costMnt = 2_500_000.50m,
        fundingSource = "Орон нутгийн хөгжлийн сан",
        feedbackIds = new[] { feedbackId },
    })).ReadJsonAsync();

    [Fact]
    public async Task AnAction_AnsweringFeedback_IsFollowedToTheEnd_AndTheCitizenSeesIt()
    {
        var (feedback, code) = await FeedbackAsync(ProviderId);

        var action = await CreateAsync(feedback);
        var id = action.GetProperty("id").GetInt32();
        Assert.Equal("planned", action.GetProperty("status").GetString());
        Assert.Equal(2_500_000.50m, action.GetProperty("costMnt").GetDecimal());
        Assert.Equal("provider", action.GetProperty("responsible").GetProperty("kind").GetString());

        var started = await (await Official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new
        {
            text = "Ажилтан томилогдлоо.", progressPercent = 40, links = new[] { "https://zavkhan.gov.mn/tushaal/12" }, version = 0,
        })).ReadJsonAsync();
        Assert.Equal("in-progress", started.GetProperty("status").GetString());
        Assert.Equal(40, started.GetProperty("progressPercent").GetInt32());

        var done = await (await Official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "Цонх ажиллаж эхэллээ.", status = "done", version = 1 })).ReadJsonAsync();
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(100, done.GetProperty("progressPercent").GetInt32());

        var view = await Public.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        var publicAction = Assert.Single(view.GetProperty("actions").EnumerateArray());
        Assert.Equal("done", publicAction.GetProperty("status").GetString());
        Assert.Equal("Улиастай сумын ТҮНЦТ", publicAction.GetProperty("responsibleMn").GetString());
        Assert.Equal(2, publicAction.GetProperty("updates").GetArrayLength());
        Assert.DoesNotContain("zavkhan@test.mn", view.ToString());
        var page = await Public.GetStringAsync($"/track/{code}");
        Assert.Contains("Үйлчилгээний хоёр дахь цонх нээх", page);
        Assert.Contains("https://zavkhan.gov.mn/tushaal/12", page);
    }

    [Fact]
    public async Task TwoOfficialsEditingTheSameAction_TheSecondGets409WithTheCurrentVersion()
    {
        var (feedback, _) = await FeedbackAsync(ProviderId);
        var id = (await CreateAsync(feedback)).GetProperty("id").GetInt32();

        var first = await Official.PutAsJsonAsync($"/api/v1/staff/actions/{id}", new { title = "Хоёр цонх", dueOn = "2026-04-30", version = 0 });
        var second = await Official.PutAsJsonAsync($"/api/v1/staff/actions/{id}", new { title = "Гурван цонх", dueOn = "2026-04-30", version = 0 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("Хоёр цонх", await Factory.WithDbAsync(db => db.ResponseActions.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }

    [Fact]
    public async Task OverdueIsDerived_FromTheDueDateAndTheClock()
    {
        var (feedback, code) = await FeedbackAsync(ProviderId);
        await CreateAsync(feedback);

        Clock.Advance(TimeSpan.FromDays(60));

        var view = await Public.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        Assert.True(view.GetProperty("actions")[0].GetProperty("overdue").GetBoolean());
        var official = await Factory.ClientForAsync("zavkhan@test.mn");
        var overdue = await official.GetFromJsonAsync<JsonElement>("/api/v1/staff/actions?overdue=true");
        Assert.Equal(1, overdue.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ACrossScopeIdInTheBody_IsRefused_AndNothingIsStored()
    {
        var elsewhere = await Factory.AddProviderAsync("MN51110");
        var (otherFeedback, _) = await FeedbackAsync(elsewhere);

        var otherProvider = await Official.PostAsJsonAsync("/api/v1/staff/actions", new { title = "x", responsibleProviderId = elsewhere, dueOn = "2026-04-30" });
        var otherFeedbackLink = await Official.PostAsJsonAsync("/api/v1/staff/actions", new { title = "x", responsibleProviderId = ProviderId, dueOn = "2026-04-30", feedbackIds = new[] { otherFeedback } });
        var otherOffice = await Official.PostAsJsonAsync("/api/v1/staff/actions", new { title = "x", responsibleAdminUnit = "511", dueOn = "2026-04-30" });

        Assert.NotEmpty((await otherProvider.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("responsibleProviderId"));
        Assert.NotEmpty((await otherFeedbackLink.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("feedbackIds"));
        Assert.NotEmpty((await otherOffice.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("responsibleAdminUnit"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ResponseActions.CountAsync()));
    }

    [Theory]
    [InlineData("""{"responsibleProviderId": PROVIDER, "dueOn": "2026-04-30"}""", "title")]
    [InlineData("""{"title": "x", "dueOn": "2026-04-30"}""", "responsible")]
    [InlineData("""{"title": "x", "responsibleProviderId": PROVIDER}""", "dueOn")]
    [InlineData("""{"title": "x", "responsibleProviderId": PROVIDER, "dueOn": "2026-01-01"}""", "dueOn")]
    [InlineData("""{"title": "x", "responsibleProviderId": PROVIDER, "dueOn": "2026-04-30", "costMnt": -5}""", "costMnt")]
    [InlineData("""{"title": "x", "responsibleProviderId": PROVIDER, "dueOn": "30/04/2026"}""", "dueOn")]
    public async Task Create_NamesTheBadField(string body, string field)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/staff/actions")
        {
            Content = new StringContent(body.Replace("PROVIDER", ProviderId.ToString()), System.Text.Encoding.UTF8, "application/json"),
        };

        var problem = await (await Official.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Progress_RefusesBadEvidence_AndAFinishedActionStaysFinished()
    {
        var (feedback, _) = await FeedbackAsync(ProviderId);
        var id = (await CreateAsync(feedback)).GetProperty("id").GetInt32();

        var badLink = await Official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "x", links = new[] { "javascript:alert(1)" }, version = 0 });
        Assert.NotEmpty((await badLink.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("links"));
        var noReason = await Official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "x", status = "dropped", version = 0 });
        Assert.NotEmpty((await noReason.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("dropReason"));

        await Official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "Төсөв олдсонгүй.", status = "dropped", dropReason = "Төсөвт тусгагдаагүй", version = 0 });
        var after = await Official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "Дахин", progressPercent = 10, version = 1 });
        await after.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ActionChanges_AreAudited()
    {
        var (feedback, _) = await FeedbackAsync(ProviderId);
        var id = (await CreateAsync(feedback)).GetProperty("id").GetInt32();
        await Official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "Эхэллээ", progressPercent = 10, version = 0 });

        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "ResponseAction").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());

        Assert.Equal(["action.create", "action.progress"], actions);
    }
}
