using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Masam.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Feedback;

/// <summary>
/// The rating of an answer is the citizen's: staff see only the first group of a tracking code,
/// a signed-in staff session cannot rate, and every rating is audited (as the citizen, unnamed).
/// </summary>
public sealed class CitizenRatingTests : IAsyncLifetime, IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _official = null!;
    private long _id;
    private string _code = "";

    public async Task InitializeAsync()
    {
        var provider = await _factory.AddProviderAsync("MN18101");
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        _official = await _factory.ClientForAsync("zavkhan@test.mn");
        var receipt = await (await _factory.CreateClient().PostAsJsonAsync("/api/v1/feedback", new { providerId = provider, score = 2 })).ReadJsonAsync();
        _code = receipt.GetProperty("trackingCode").GetString()!;
        var stored = TrackingCodes.Normalize(_code);
        _id = await _factory.WithDbAsync(db => db.Feedback.Where(f => f.TrackingCode == stored).Select(f => f.Id).SingleAsync());
        var answered = await _official.PostAsJsonAsync($"/api/v1/staff/feedback/{_id}/responses", new { body = "Шийдвэрлэлээ.", @public = true, version = 0 });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task<int?> RatingAsync() => _factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == _id).Select(f => f.AnswerRating).SingleAsync());

    [Fact]
    public async Task StaffSee_OnlyTheFirstGroupOfTheCode_InTheInboxAndTheDetail()
    {
        var inbox = await _official.GetFromJsonAsync<JsonElement>("/api/v1/staff/feedback");
        var detail = await _official.GetFromJsonAsync<JsonElement>($"/api/v1/staff/feedback/{_id}");

        var first = _code[..4];
        Assert.Equal($"{first}-…", inbox.GetProperty("items")[0].GetProperty("trackingCode").GetString());
        Assert.Equal($"{first}-…", detail.GetProperty("feedback").GetProperty("trackingCode").GetString());
        Assert.DoesNotContain(_code[5..], await _official.GetStringAsync($"/api/v1/staff/feedback/{_id}"));
        Assert.Equal("K7QM-…", TrackingCodes.Short("K7QMXXXXXXXX"[..TrackingCodes.Length]));
    }

    [Fact]
    public async Task ASignedInOfficial_CannotRate_EvenWithTheFullCode()
    {
        var response = await _official.PostAsJsonAsync($"/api/v1/feedback/{_code}/rating", new { rating = 5 });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(await RatingAsync());
    }

    [Fact]
    public async Task ASignedInOfficial_CannotRateOnTheTrackingPage()
    {
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await browser.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });

        var page = await browser.GetStringAsync($"/track/{_code}");
        Assert.DoesNotContain("handler=Rate", page);
        Assert.Contains("Only the citizen rates the answer", await browser.GetStringAsync($"/track/{_code}?culture=en"));

        // Posted anyway (with a token from the staff pages), it is refused.
        var response = await browser.PostFormAsync($"/track/{_code}?handler=Rate", new() { ["rating"] = "5" }, formPage: "/staff");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await RatingAsync());
    }

    [Fact]
    public async Task TheCitizensRating_IsAudited_WithoutNamingThem()
    {
        var rated = await _factory.CreateClient().PostAsJsonAsync($"/api/v1/feedback/{_code}/rating", new { rating = 4 });

        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "feedback.rating"));
        Assert.Equal(_id.ToString(), entry.EntityId);
        Assert.Null(entry.ActorId);
        Assert.Equal("citizen", entry.ActorRole);
        Assert.Contains("4", entry.After);
        Assert.Equal(4, await RatingAsync());
    }
}
