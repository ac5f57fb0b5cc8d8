using Masam.Web.Tests.TestSupport;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Pages;

/// <summary>What staff write reaches the public through pages, the API and the feed: phone and civil register numbers never do.</summary>
public sealed class PublicTextTests : IDisposable
{
    private const string Phone = "99112233";
    private const string Register = "УБ88112233";
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task PhoneAndRegisterNumbers_AreMasked_OnTheTrackingPage_TheProviderPage_ThePublicApi_AndTheFeed()
    {
        var provider = await _factory.AddProviderAsync("MN18101");
        var now = DateTime.UtcNow;
        var code = TrackingCodes.New();
        await _factory.WithDbAsync(async db =>
        {
            var item = new FeedbackItem
            {
                TrackingCode = code, ProviderId = provider, AimagCode = db.AimagOf(provider), Score = 2, Channel = FeedbackChannel.Web, Status = FeedbackStatus.Answered,
                ReceivedAt = now, ReceivedMonth = MongolianTime.MonthOf(now), UpdatedAt = now, DueAt = AnswerDeadline.DueFor(now), AnsweredAt = now,
                ExtensionReason = $"Иргэн {Register} нэмэлт мэдээлэл өгнө",
            };
            db.Feedback.Add(item);
            await db.SaveChangesAsync();
            db.FeedbackResponses.Add(new FeedbackResponse { FeedbackId = item.Id, Body = $"Бидэнтэй {Phone} утсаар холбогдоно уу.", IsPublic = true, CreatedAt = now });
            var unit = await db.AdminUnits.SingleAsync(u => u.Code == "MN18101");
            db.ResponseActions.Add(new ResponseAction
            {
                Title = $"Хүлээлгийн танхим засах; утас {Phone}", Description = $"Хариуцагч {Register}", AdminUnitId = unit.Id, ResponsibleProviderId = provider,
                DueOn = DateOnly.FromDateTime(now).AddDays(30), FundingSource = $"Сан, {Phone}", CreatedAt = now, UpdatedAt = now, Feedback = [item],
                Updates = [new ActionUpdate { At = now, AuthorName = "Албан хаагч", Text = $"Гэрээлэгч {Phone} руу залгасан", ProgressPercent = 10 }],
            });
            await db.SaveChangesAsync();
        });
        var anonymous = _factory.CreateClient();

        var outlets = new Dictionary<string, string>
        {
            ["tracking page"] = await anonymous.GetStringAsync($"/track/{code}"),
            ["provider page"] = await anonymous.GetStringAsync($"/provider/{provider}"),
            ["public API"] = await anonymous.GetStringAsync($"/api/v1/feedback/{code}"),
            ["feed"] = await anonymous.GetStringAsync("/odata/ResponseActions"),
        };

        foreach (var (outlet, body) in outlets)
        {
            Assert.False(body.Contains(Phone, StringComparison.Ordinal), $"the {outlet} shows the phone number");
            Assert.False(body.Contains("88112233", StringComparison.Ordinal), $"the {outlet} shows the register number");
            Assert.Contains("[***]", body);
        }

        Assert.Contains("Хүлээлгийн танхим засах; утас [***]", outlets["tracking page"]);
        var view = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        Assert.Equal("Бидэнтэй [***] утсаар холбогдоно уу.", view.GetProperty("answers")[0].GetProperty("body").GetString());
    }
}
