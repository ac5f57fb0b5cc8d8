using System.Net;
using Masam.Web.Features.Feedback;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Masam.Web.Tests.FeedbackRequests;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class PublicFeedbackViewTests : IDisposable
{
    private const string PrivateComment = "Миний регистр УБ99112233, утас 99887766";
    private const string InternalNote = "Дотоод тэмдэглэл: ажилтанд сануулга өгөх";
    private const string PublicAnswer = "Үйлчилгээний цонхны тоог нэмлээ.";

    private readonly MasamAppFactory _factory = new();
    private readonly HttpClient _client;

    public PublicFeedbackViewTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    private async Task<string> SubmitAnsweredFeedbackAsync()
    {
        var provider = await _factory.AddProviderAsync(nameMn: "Улиастай сумын ТҮНЦТ", serviceLines: ["tax"]);
        var receipt = await (await _client.SendAsync(Submit(new
        {
            providerId = provider, serviceLine = "tax", score = 1, comment = PrivateComment, channel = "phone",
            demographics = new { gender = "male", ageBand = "35-44", disability = true, herderHousehold = true },
            contact = new { name = "Ганбаатар", phone = "88112233", email = "ganaa@example.mn" },
        }))).ReadJsonAsync();
        var code = receipt.GetProperty("trackingCode").GetString()!;

        await _factory.WithDbAsync(async db =>
        {
            var item = await db.Feedback.SingleAsync();
            item.Status = FeedbackStatus.Answered;
            item.Responses.Add(new FeedbackResponse { Body = InternalNote, IsPublic = false, CreatedAt = DateTime.UtcNow });
            item.Responses.Add(new FeedbackResponse { Body = PublicAnswer, IsPublic = true, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        return code;
    }

    [Fact]
    public async Task Get_ShowsProviderDateStatusAndPublicAnswers_AndNothingElse()
    {
        var code = await SubmitAnsweredFeedbackAsync();

        var response = await _client.GetAsync($"/api/v1/feedback/{code}");

        var view = await response.ReadJsonAsync();
        Assert.Equal(["trackingCode", "provider", "serviceLine", "receivedOn", "status", "dueOn", "overdue", "extensionReason", "answers", "answerRating", "actions", "reopenedOn", "canReopen", "canRate"],
            view.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, view.GetProperty("trackingCode").GetString());
        Assert.Equal("answered", view.GetProperty("status").GetString());
        Assert.Equal("Улиастай сумын ТҮНЦТ", view.GetProperty("provider").GetProperty("nameMn").GetString());
        var answer = Assert.Single(view.GetProperty("answers").EnumerateArray());
        Assert.Equal(PublicAnswer, answer.GetProperty("body").GetString());

        var raw = await response.Content.ReadAsStringAsync();
        foreach (var secret in new[] { PrivateComment, "УБ99112233", InternalNote, "Ганбаатар", "88112233", "ganaa@example.mn", "35-44", "phone", "\"score\"" })
        {
            Assert.DoesNotContain(secret, raw);
        }
    }

    [Fact]
    public async Task TrackPage_ShowsThePublicAnswer_AndNoPrivateDetail()
    {
        var code = await SubmitAnsweredFeedbackAsync();

        var html = await _client.GetStringAsync($"/track/{code}");

        Assert.Contains(PublicAnswer, html);
        Assert.Contains("Хариу өгсөн", html);
        foreach (var secret in new[] { PrivateComment, InternalNote, "Ганбаатар", "88112233", "ganaa@example.mn" })
        {
            Assert.DoesNotContain(secret, html);
        }
    }

    [Fact]
    public async Task Get_FindsTheFeedback_WhenTheCodeIsTypedLoosely()
    {
        var code = await SubmitAnsweredFeedbackAsync();

        var response = await _client.GetAsync($"/api/v1/feedback/{code.ToLowerInvariant().Replace("-", "")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Answers400_ForAMistypedCode_And404_ForAnUnknownOne()
    {
        var code = await SubmitAnsweredFeedbackAsync();
        var mistyped = (code[0] == 'A' ? 'B' : 'A') + code[1..];

        await (await _client.GetAsync($"/api/v1/feedback/{mistyped}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync($"/api/v1/feedback/{TrackingCodes.Format(TrackingCodes.New())}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TrackPage_LetsTheCitizenRateTheAnswerOnce()
    {
        var code = await SubmitAnsweredFeedbackAsync();
        var browser = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var rated = await PageForms.PostFormAsync(browser, $"/track/{code}?handler=Rate", new() { ["rating"] = "5" }, formPage: $"/track/{code}");
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);

        var page = await browser.GetStringAsync($"/track/{code}");
        Assert.Contains("Та хариуг 5 гэж үнэлсэн.", page);
        Assert.DoesNotContain("handler=Rate", page);
        Assert.Equal(5, await _factory.WithDbAsync(db => db.Feedback.Select(f => f.AnswerRating).SingleAsync()));
    }
}
