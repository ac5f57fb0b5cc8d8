using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Tests.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Pages;

/// <summary>The whole answer flow through the staff pages, as an official in Zavkhan does it, and what the citizen then sees.</summary>
public sealed class AnswerFlowPageTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private readonly HttpClient _official;

    public AnswerFlowPageTests() =>
        _official = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("1 500 000", 1_500_000)]
    [InlineData("1,500,000", 1_500_000)]
    [InlineData("1500000 ₮", 1_500_000)]
    public async Task ACostTypedAsPeopleWriteIt_IsStored(string typed, int expected)
    {
        var id = await SignedInWithFeedbackAsync();

        var created = await _official.PostFormAsync($"/staff/feedback/{id}?handler=Action",
            new() { ["title"] = "Хоёр дахь цонх нээх", ["dueOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), ["costMnt"] = typed },
            formPage: $"/staff/feedback/{id}");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(expected, await _factory.WithDbAsync(db => db.ResponseActions.Select(a => a.CostMnt).SingleAsync()));
    }

    [Fact]
    public async Task ACostThatIsNotAnAmount_IsRefusedBesideItsField_AndNothingIsStored()
    {
        var id = await SignedInWithFeedbackAsync();

        var refused = await _official.PostFormAsync($"/staff/feedback/{id}?handler=Action",
            new() { ["title"] = "Хоёр дахь цонх нээх", ["dueOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), ["costMnt"] = "сая хагас" },
            formPage: $"/staff/feedback/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<p class=\"field-error\" id=\"e-costMnt\">\"сая хагас\" нь мөнгөн дүн биш", page);
        Assert.Contains("value=\"сая хагас\"", page);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ResponseActions.CountAsync()));
    }

    private async Task<long> SignedInWithFeedbackAsync()
    {
        var zavkhan = await _factory.AddProviderAsync("MN18101", nameMn: "Улиастай сумын ТҮНЦТ");
        await _factory.CreateClient().PostAsJsonAsync("/api/v1/feedback", new { providerId = zavkhan, score = 1 });
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        await _official.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });
        return await _factory.WithDbAsync(db => db.Feedback.Select(f => f.Id).SingleAsync());
    }

    [Fact]
    public async Task AZavkhanOfficial_AnswersFeedback_FollowsAnActionToDone_AndTheCitizenSeesAllOfIt()
    {
        var zavkhan = await _factory.AddProviderAsync("MN18101", nameMn: "Улиастай сумын ТҮНЦТ");
        var khuvsgul = await _factory.AddProviderAsync("MN26701", nameMn: "Мөрөн сумын ТҮНЦТ");
        var citizen = _factory.CreateClient();
        var receipt = await (await citizen.PostAsJsonAsync("/api/v1/feedback", new { providerId = zavkhan, score = 1, comment = "Дараалал урт" })).Content.ReadFromJsonAsync<JsonElement>();
        var code = receipt.GetProperty("trackingCode").GetString()!;
        await citizen.PostAsJsonAsync("/api/v1/feedback", new { providerId = khuvsgul, score = 2, comment = "Мөрөнгийн санал" });
        var id = await _factory.WithDbAsync(db => db.Feedback.Where(f => f.ProviderId == zavkhan).Select(f => f.Id).SingleAsync());
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        await _official.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });

        var inbox = await _official.GetStringAsync("/staff/inbox");
        Assert.Contains("Дараалал урт", inbox);
        Assert.DoesNotContain("Мөрөнгийн санал", inbox);

        var answered = await _official.PostFormAsync($"/staff/feedback/{id}?handler=Answer",
            new() { ["body"] = "Хоёр дахь цонхыг нээнэ.", ["isPublic"] = "true", ["version"] = "0" }, formPage: $"/staff/feedback/{id}");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        var created = await _official.PostFormAsync($"/staff/feedback/{id}?handler=Action",
            new() { ["title"] = "Хоёр дахь цонх нээх", ["dueOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), ["costMnt"] = "1500000", ["fundingSource"] = "Орон нутгийн төсөв" },
            formPage: $"/staff/feedback/{id}");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var actionPage = created.Headers.Location!.OriginalString;
        Assert.Matches(new Regex("^/staff/actions/\\d+$"), actionPage);

        var done = await _official.PostFormAsync($"{actionPage}?handler=Progress",
            new() { ["text"] = "Цонх нээгдлээ.", ["status"] = "done", ["version"] = "0", ["links"] = "https://zavkhan.gov.mn/medee/1" }, formPage: actionPage);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var track = await citizen.GetStringAsync($"/track/{code}");
        Assert.Contains("Хоёр дахь цонхыг нээнэ.", track);
        Assert.Contains("Хоёр дахь цонх нээх", track);
        Assert.Contains("Хийгдсэн", track);
        Assert.Contains("Цонх нээгдлээ.", track);
        Assert.Contains("100 %", track);
        Assert.Equal(FeedbackStatus.Answered, await _factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == id).Select(f => f.Status).SingleAsync()));
    }

    [Fact]
    public async Task AStaleForm_ShowsTheConflict_AndChangesNothing()
    {
        var provider = await _factory.AddProviderAsync("MN18101");
        await _factory.CreateClient().PostAsJsonAsync("/api/v1/feedback", new { providerId = provider, score = 1 });
        var id = await _factory.WithDbAsync(db => db.Feedback.Select(f => f.Id).SingleAsync());
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        await _official.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });
        await _official.PostFormAsync($"/staff/feedback/{id}?handler=Status", new() { ["status"] = "acknowledged", ["version"] = "0" }, formPage: $"/staff/feedback/{id}");

        var stale = await _official.PostFormAsync($"/staff/feedback/{id}?handler=Status", new() { ["status"] = "in-progress", ["version"] = "0" }, formPage: $"/staff/feedback/{id}");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Өөр хэрэглэгч энэ бичлэгийг өөрчилсөн байна.", await stale.Content.ReadAsStringAsync());
        Assert.Equal(FeedbackStatus.Acknowledged, await _factory.WithDbAsync(db => db.Feedback.Select(f => f.Status).SingleAsync()));
    }

    [Fact]
    public async Task AnAnalyst_ReadsButCannotAnswer()
    {
        var provider = await _factory.AddProviderAsync("MN18101");
        await _factory.CreateClient().PostAsJsonAsync("/api/v1/feedback", new { providerId = provider, score = 1 });
        var id = await _factory.WithDbAsync(db => db.Feedback.Select(f => f.Id).SingleAsync());
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        await _official.PostFormAsync("/account/sign-in", new() { ["Email"] = "analyst@test.mn", ["Password"] = StaffTestAccounts.Password });

        var page = await _official.GetStringAsync($"/staff/feedback/{id}");
        Assert.DoesNotContain("handler=Answer", page);

        // The page offers no form; a hand-made post (with a valid token from another page) is refused.
        var attempt = await _official.PostFormAsync($"/staff/feedback/{id}?handler=Answer",
            new() { ["body"] = "x", ["isPublic"] = "true", ["version"] = "0" }, formPage: "/staff");
        Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", attempt.Headers.Location!.ToString());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.FeedbackResponses.CountAsync()));
    }
}
