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

public sealed class ResponseActionTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    private readonly MasamAppFactory _factory = new();
    private HttpClient _official = null!;
    private HttpClient _public = null!;
    private int _provider;

    public async Task InitializeAsync()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        _provider = await _factory.AddProviderAsync("MN18101", nameMn: "Улиастай сумын ТҮНЦТ");
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        _official = await _factory.ClientForAsync("zavkhan@test.mn");
        _public = _factory.CreateClient();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private async Task<(long Id, string Code)> FeedbackAsync(int provider)
    {
        var receipt = await (await _public.PostAsJsonAsync("/api/v1/feedback", new { providerId = provider, score = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        var code = receipt.GetProperty("trackingCode").GetString()!;
        var stored = TrackingCodes.Normalize(code);
        return (await _factory.WithDbAsync(db => db.Feedback.Where(f => f.TrackingCode == stored).Select(f => f.Id).SingleAsync()), code);
    }

    private async Task<JsonElement> CreateAsync(long feedbackId) => await (await _official.PostAsJsonAsync("/api/v1/staff/actions", new
    {
        title = "Үйлчилгээний хоёр дахь цонх нээх",
        description = "Өглөөний дарааллыг багасгахын тулд",
        responsibleProviderId = _provider,
        dueOn = "2026-04-30",
        costMnt = 2_500_000.50m,
        fundingSource = "Орон нутгийн хөгжлийн сан",
        feedbackIds = new[] { feedbackId },
    })).ReadJsonAsync();

    [Fact]
    public async Task AnAction_AnsweringFeedback_IsFollowedToTheEnd_AndTheCitizenSeesIt()
    {
        var (feedback, code) = await FeedbackAsync(_provider);

        var action = await CreateAsync(feedback);
        var id = action.GetProperty("id").GetInt32();
        Assert.Equal("planned", action.GetProperty("status").GetString());
        Assert.Equal(2_500_000.50m, action.GetProperty("costMnt").GetDecimal());
        Assert.Equal("provider", action.GetProperty("responsible").GetProperty("kind").GetString());

        var started = await (await _official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new
        {
            text = "Ажилтан томилогдлоо.", progressPercent = 40, links = new[] { "https://zavkhan.gov.mn/tushaal/12" }, version = 0,
        })).ReadJsonAsync();
        Assert.Equal("in-progress", started.GetProperty("status").GetString());
        Assert.Equal(40, started.GetProperty("progressPercent").GetInt32());

        var done = await (await _official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "Цонх ажиллаж эхэллээ.", status = "done", version = 1 })).ReadJsonAsync();
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(100, done.GetProperty("progressPercent").GetInt32());

        var view = await _public.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        var publicAction = Assert.Single(view.GetProperty("actions").EnumerateArray());
        Assert.Equal("done", publicAction.GetProperty("status").GetString());
        Assert.Equal("Улиастай сумын ТҮНЦТ", publicAction.GetProperty("responsibleMn").GetString());
        Assert.Equal(2, publicAction.GetProperty("updates").GetArrayLength());
        Assert.DoesNotContain("zavkhan@test.mn", view.ToString());
        var page = await _public.GetStringAsync($"/track/{code}");
        Assert.Contains("Үйлчилгээний хоёр дахь цонх нээх", page);
        Assert.Contains("https://zavkhan.gov.mn/tushaal/12", page);
    }

    [Fact]
    public async Task TwoOfficialsEditingTheSameAction_TheSecondGets409WithTheCurrentVersion()
    {
        var (feedback, _) = await FeedbackAsync(_provider);
        var id = (await CreateAsync(feedback)).GetProperty("id").GetInt32();

        var first = await _official.PutAsJsonAsync($"/api/v1/staff/actions/{id}", new { title = "Хоёр цонх", dueOn = "2026-04-30", version = 0 });
        var second = await _official.PutAsJsonAsync($"/api/v1/staff/actions/{id}", new { title = "Гурван цонх", dueOn = "2026-04-30", version = 0 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("Хоёр цонх", await _factory.WithDbAsync(db => db.ResponseActions.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }

    [Fact]
    public async Task OverdueIsDerived_FromTheDueDateAndTheClock()
    {
        var (feedback, code) = await FeedbackAsync(_provider);
        await CreateAsync(feedback);

        _clock.Advance(TimeSpan.FromDays(60));

        var view = await _public.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        Assert.True(view.GetProperty("actions")[0].GetProperty("overdue").GetBoolean());
        var official = await _factory.ClientForAsync("zavkhan@test.mn");
        var overdue = await official.GetFromJsonAsync<JsonElement>("/api/v1/staff/actions?overdue=true");
        Assert.Equal(1, overdue.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ACrossScopeIdInTheBody_IsRefused_AndNothingIsStored()
    {
        var elsewhere = await _factory.AddProviderAsync("MN51110");
        var (otherFeedback, _) = await FeedbackAsync(elsewhere);

        var otherProvider = await _official.PostAsJsonAsync("/api/v1/staff/actions", new { title = "x", responsibleProviderId = elsewhere, dueOn = "2026-04-30" });
        var otherFeedbackLink = await _official.PostAsJsonAsync("/api/v1/staff/actions", new { title = "x", responsibleProviderId = _provider, dueOn = "2026-04-30", feedbackIds = new[] { otherFeedback } });
        var otherOffice = await _official.PostAsJsonAsync("/api/v1/staff/actions", new { title = "x", responsibleAdminUnit = "511", dueOn = "2026-04-30" });

        Assert.NotEmpty((await otherProvider.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("responsibleProviderId"));
        Assert.NotEmpty((await otherFeedbackLink.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("feedbackIds"));
        Assert.NotEmpty((await otherOffice.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("responsibleAdminUnit"));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ResponseActions.CountAsync()));
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
            Content = new StringContent(body.Replace("PROVIDER", _provider.ToString()), System.Text.Encoding.UTF8, "application/json"),
        };

        var problem = await (await _official.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Progress_RefusesBadEvidence_AndAFinishedActionStaysFinished()
    {
        var (feedback, _) = await FeedbackAsync(_provider);
        var id = (await CreateAsync(feedback)).GetProperty("id").GetInt32();

        var badLink = await _official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "x", links = new[] { "javascript:alert(1)" }, version = 0 });
        Assert.NotEmpty((await badLink.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("links"));
        var noReason = await _official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "x", status = "dropped", version = 0 });
        Assert.NotEmpty((await noReason.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("dropReason"));

        await _official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "Төсөв олдсонгүй.", status = "dropped", dropReason = "Төсөвт тусгагдаагүй", version = 0 });
        var after = await _official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "Дахин", progressPercent = 10, version = 1 });
        await after.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ActionChanges_AreAudited()
    {
        var (feedback, _) = await FeedbackAsync(_provider);
        var id = (await CreateAsync(feedback)).GetProperty("id").GetInt32();
        await _official.PostAsJsonAsync($"/api/v1/staff/actions/{id}/updates", new { text = "Эхэллээ", progressPercent = 10, version = 0 });

        var actions = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "ResponseAction").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());

        Assert.Equal(["action.create", "action.progress"], actions);
    }
}
