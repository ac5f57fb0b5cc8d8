using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Sms;
using Masam.Web.Tests.Features.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Feedback;

/// <summary>
/// A citizen who asked to be told hears of the answer, of the actions on it and of its closing, by
/// SMS and by e-mail, in their language; can stop either; and can reopen an answer once.
/// (No gateway or SMTP here: the messages are read from the outbox; KannelTests send them for real.)
/// </summary>
public sealed class ClosingTheLoopTests : ResponderTestBase
{
    protected override (string Key, string? Value)[] Settings =>
        [("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey), ("Masam:PublicUrl", "https://masam.test")];

    private async Task<(long Id, string Code)> SubmitAsync(string language, bool notify = true, string? phone = "+976 9911 2233")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback")
        {
            Content = JsonContent.Create(new
            {
                providerId = ProviderId, score = 2, comment = "Дараалал урт",
                contact = new { phone, email = "bat@example.mn", notify },
            }),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var receipt = await (await Public.SendAsync(request)).ReadJsonAsync();
        var code = receipt.GetProperty("trackingCode").GetString()!;
        var stored = TrackingCodes.Normalize(code);
        return (await Factory.WithDbAsync(db => db.Feedback.Where(f => f.TrackingCode == stored).Select(f => f.Id).SingleAsync()), code);
    }

    private Task<List<OutboxMessage>> NoticesAsync(long id) =>
        Factory.WithDbAsync(db => db.Outbox.Where(m => m.FeedbackId == id).OrderBy(m => m.Id).ToListAsync());

    private async Task AnswerAsync(long id, int version) =>
        (await Official.PostAsJsonAsync($"/api/v1/staff/feedback/{id}/responses", new { body = "Хоёр дахь цонх нээлээ.", @public = true, version })).EnsureSuccessStatusCode();

    [Fact]
    public async Task ACitizenWhoAskedToBeTold_HearsOfTheAnswer_TheAction_AndTheClosing_BySmsAndEmail()
    {
        var (id, code) = await SubmitAsync("mn");
        await AnswerAsync(id, 0);

        var answered = await NoticesAsync(id);
        Assert.Equal([OutboxChannel.Sms, OutboxChannel.Email], answered.Select(m => m.Channel));
        var sms = answered[0];
        Assert.Equal("99112233", sms.To);
        Assert.Contains(code, sms.Body);
        Assert.Contains("хариу ирлээ", sms.Body);
        Assert.Contains("ЗОГС", sms.Body); // every SMS says how to stop
        Assert.True(SmsReplies.FitsOneSegment(sms.Body), sms.Body);
        var email = answered[1];
        Assert.Equal("bat@example.mn", email.To);
        Assert.Contains(code, email.Subject);
        Assert.Contains("Хоёр дахь цонх нээлээ.", email.Body);
        Assert.Contains($"https://masam.test/track/{code}", email.Body);
        Assert.Matches("https://masam.test/notices/stop/[A-Za-z0-9_-]{24}", email.Body);

        var action = await (await Official.PostAsJsonAsync("/api/v1/staff/actions", new
        {
            title = "Хоёр дахь цонх", responsibleProviderId = ProviderId, dueOn = "2026-04-30", feedbackIds = new[] { id },
        })).ReadJsonAsync();
        Assert.Equal(2, (await NoticesAsync(id)).Count); // creating a planned action is not a move
        (await Official.PostAsJsonAsync($"/api/v1/staff/actions/{action.GetProperty("id").GetInt32()}/updates",
            new { text = "Ажил эхэллээ", status = "in-progress", version = action.GetProperty("version").GetInt32() })).EnsureSuccessStatusCode();
        var moved = (await NoticesAsync(id)).Skip(2).ToList();
        Assert.Equal(2, moved.Count);
        Assert.Contains("хэрэгжиж байна", moved[0].Body);
        Assert.True(SmsReplies.FitsOneSegment(moved[0].Body), moved[0].Body);
        Assert.Contains("Хоёр дахь цонх", moved[1].Body);

        var version = await Factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == id).Select(f => f.Version).SingleAsync());
        (await Official.PostAsJsonAsync($"/api/v1/staff/feedback/{id}/status", new { status = "closed", version })).EnsureSuccessStatusCode();
        var closed = (await NoticesAsync(id)).Skip(4).ToList();
        Assert.Equal(2, closed.Count);
        Assert.Contains("хаагдлаа", closed[0].Body);
        Assert.True(SmsReplies.FitsOneSegment(closed[0].Body), closed[0].Body);
    }

    [Fact]
    public async Task TheNoticeEmail_IsSentBySmtp_InTheCitizensLanguage()
    {
        await using var smtp = new Masam.Web.Tests.Features.Reminders.FakeSmtpServer();
        using var factory = new MasamAppFactory(
            ("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey),
            ("Masam:Reminders:Smtp:Host", "127.0.0.1"), ("Masam:Reminders:Smtp:Port", smtp.Port.ToString()),
            ("Masam:Reminders:Smtp:UseStartTls", "false"), ("Masam:Reminders:Smtp:From", "masam@test.mn"))
        {
            ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock),
        };
        var providerId = await factory.AddProviderAsync("MN18101");
        await factory.CreateStaffAsync("smtp-official@test.mn", Masam.Web.Features.Accounts.StaffRoles.LocalOfficial, units: ["181"]);
        var official = await factory.ClientForAsync("smtp-official@test.mn");
        var receipt = await (await factory.CreateClient().PostAsJsonAsync("/api/v1/feedback",
            new { providerId, score = 2, contact = new { email = "bat@example.mn", notify = true } })).ReadJsonAsync();
        var code = receipt.GetProperty("trackingCode").GetString()!;
        var id = await factory.WithDbAsync(db => db.Feedback.Select(f => f.Id).SingleAsync());
        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{id}/responses", new { body = "Answered.", @public = true, version = 0 })).EnsureSuccessStatusCode();

        Assert.True(await Eventually.WaitAsync(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(30));
            return Task.FromResult(smtp.Received.Count > 0);
        }));
        var (to, data) = Assert.Single(smtp.Received);
        Assert.Equal("bat@example.mn", to);
        Assert.Contains(code, data); // the API was asked in English (no Accept-Language): the subject names the code
        Assert.Contains("has an answer", data);
    }

    [Fact]
    public async Task InEnglish_TheNoticesAreInEnglish()
    {
        var (id, code) = await SubmitAsync("en");
        await AnswerAsync(id, 0);

        var notices = await NoticesAsync(id);
        Assert.StartsWith($"Your feedback {code} has an answer", notices[0].Body);
        Assert.Contains("STOP", notices[0].Body);
        Assert.NotNull(SmsReplies.GsmLength(notices[0].Body));
        Assert.True(SmsReplies.FitsOneSegment(notices[0].Body), notices[0].Body);
        Assert.Equal($"Your feedback {code} has an answer", notices[1].Subject);
    }

    [Fact]
    public async Task WithoutAskingToBeTold_NoMessageIsSent_AndAskingWithoutAnAddressIsRefused()
    {
        var (id, _) = await SubmitAsync("mn", notify: false);
        await AnswerAsync(id, 0);
        Assert.Empty(await NoticesAsync(id));

        var problem = await (await Public.PostAsJsonAsync("/api/v1/feedback", new { providerId = ProviderId, score = 3, contact = new { name = "Бат", notify = true } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("contact.notify"));
    }

    [Fact]
    public async Task StopBySms_StopsTheSms_AndTheEmailLink_StopsTheEmail()
    {
        var (id, code) = await SubmitAsync("mn");
        (await Public.GetAsync($"/api/v1/sms/kannel?key={SmsEndpointTests.Secret}&from=%2B97699112233&text=STOP&id=stop-1")).EnsureSuccessStatusCode();
        await AnswerAsync(id, 0);
        var notices = await NoticesAsync(id);
        Assert.Equal(OutboxChannel.Email, Assert.Single(notices).Channel);

        var token = System.Text.RegularExpressions.Regex.Match(notices[0].Body, "/notices/stop/([A-Za-z0-9_-]+)").Groups[1].Value;
        var page = await Public.GetStringAsync($"/notices/stop/{token}");
        Assert.Contains(code, page);
        Assert.False(await Factory.WithDbAsync(db => db.FeedbackContacts.AnyAsync(c => c.StoppedAt != null))); // a GET (a mail scanner) stops nothing
        var form = await PageForms.PostFormAsync(Public, $"/notices/stop/{token}", []);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.True(await Factory.WithDbAsync(db => db.FeedbackContacts.AnyAsync(c => c.StoppedAt != null)));

        var version = await Factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == id).Select(f => f.Version).SingleAsync());
        (await Official.PostAsJsonAsync($"/api/v1/staff/feedback/{id}/status", new { status = "closed", version })).EnsureSuccessStatusCode();
        Assert.Single(await NoticesAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync("/notices/stop/not-a-token")).StatusCode);
    }

    [Fact]
    public async Task TheAdminsOutbox_ShowsNoWholeTrackingCodeOrStopLink_BesideANumberOrAddress()
    {
        var (id, code) = await SubmitAsync("mn");
        await AnswerAsync(id, 0);
        await Factory.CreateStaffAsync("outbox-admin@test.mn", Masam.Web.Features.Accounts.StaffRoles.Admin);
        var admin = await Factory.ClientForAsync("outbox-admin@test.mn");

        var outbox = await (await admin.GetAsync("/api/v1/admin/outbox")).ReadJsonAsync();

        var notices = outbox.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("feedbackId").ValueKind == System.Text.Json.JsonValueKind.Number
            && m.GetProperty("feedbackId").GetInt64() == id).ToList();
        Assert.Equal(["99112233", "bat@example.mn"], notices.Select(m => m.GetProperty("to").GetString()).Order(StringComparer.Ordinal));
        var text = string.Join("\n", notices.Select(m => m.GetProperty("subject").GetString() + "\n" + m.GetProperty("body").GetString()));
        Assert.DoesNotContain(code, text);
        Assert.DoesNotContain(code.Replace("-", ""), text);
        Assert.Contains($"{code[..4]}-…", text);
        Assert.Contains("/notices/stop/…", text);
        Assert.DoesNotMatch("/notices/stop/[A-Za-z0-9_-]{8}", text);
        // The message itself still carries them: only Admin's view is cut.
        Assert.Contains(code, (await NoticesAsync(id))[0].Body);
    }

    [Fact]
    public async Task FollowBySms_PutsThePhoneInTheContact_AndTheNoticesGoThere_InLatinWhenAskedInLatin()
    {
        var (id, code) = await SubmitAsync("mn", notify: false, phone: null);
        (await Public.GetAsync($"/api/v1/sms/kannel?key={SmsEndpointTests.Secret}&from=88001122&text=medee+{code}&id=follow-1")).EnsureSuccessStatusCode();
        var contact = await Factory.WithDbAsync(db => db.FeedbackContacts.SingleAsync(c => c.FeedbackId == id));
        Assert.Equal(("88001122", true, "mn-Latn"), (contact.Phone, contact.Notify, contact.Language));
        Assert.False(contact.WantsEmails); // the e-mail, left without asking for notices, still gets none

        await AnswerAsync(id, 0);
        Assert.DoesNotContain(await NoticesAsync(id), m => m.Channel == OutboxChannel.Email);
        var sms = (await NoticesAsync(id)).First(m => m.Channel == OutboxChannel.Sms);
        Assert.Equal("88001122", sms.To);
        Assert.NotNull(SmsReplies.GsmLength(sms.Body)); // Latin, one GSM-7 segment
        Assert.Contains(code, sms.Body);
    }

    [Fact]
    public async Task ACitizen_ReopensAnAnswerOnce_WithAReason_AndTheDeadlineStartsAgain()
    {
        var (id, code) = await SubmitAsync("mn");
        var early = await Public.PostAsJsonAsync($"/api/v1/feedback/{code}/reopen", new { reason = "Дараалал хэвээрээ" });
        Assert.Contains("once it is answered", (await early.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        await AnswerAsync(id, 0);
        Clock.Advance(TimeSpan.FromDays(10));
        var noReason = await Public.PostAsJsonAsync($"/api/v1/feedback/{code}/reopen", new { reason = " " });
        Assert.NotEmpty((await noReason.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("reason"));

        var reopened = await (await Public.PostAsJsonAsync($"/api/v1/feedback/{code}/reopen", new { reason = "Дараалал хэвээрээ" })).ReadJsonAsync();
        Assert.Equal("in-progress", reopened.GetProperty("status").GetString());
        Assert.False(reopened.GetProperty("canReopen").GetBoolean());
        var item = await Factory.WithDbAsync(db => db.Feedback.SingleAsync(f => f.Id == id));
        Assert.Equal("Дараалал хэвээрээ", item.ReopenReason);
        Assert.Equal(AnswerDeadline.DueFor(Clock.GetUtcNow().UtcDateTime), item.DueAt); // 30 days from the reopening
        var official = await Factory.ClientForAsync("zavkhan@test.mn"); // a fresh session, ten days on
        var detail = await (await official.GetAsync($"/api/v1/staff/feedback/{id}")).ReadJsonAsync();
        Assert.Equal("Дараалал хэвээрээ", detail.GetProperty("reopenReason").GetString());

        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{id}/responses", new { body = "Дахин шалгалаа.", @public = true, version = item.Version })).EnsureSuccessStatusCode();
        var again = await Public.PostAsJsonAsync($"/api/v1/feedback/{code}/reopen", new { reason = "Бас л" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "feedback.reopen")));
        await (await official.PostAsJsonAsync($"/api/v1/feedback/{code}/reopen", new { reason = "staff" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
