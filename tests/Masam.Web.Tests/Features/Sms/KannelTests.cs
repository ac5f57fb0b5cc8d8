using System.Net.Http.Json;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Sms;

[CollectionDefinition(nameof(KannelTests))]
public sealed class KannelCollection : ICollectionFixture<RealKannel>;

/// <summary>
/// End to end through a real Kannel: a message injected at the fake operator travels through
/// bearerbox and smsbox to Masam, and Masam's reply goes back through sendsms to the operator link,
/// with Kannel's delivery report coming back to Masam.
/// </summary>
[Collection(nameof(KannelTests))]
public sealed class KannelTests(RealKannel kannel)
{
    private async Task<string> ProviderCodeAsync()
    {
        var id = await kannel.App.AddProviderAsync("MN18101", "oss-centre", "Туршилтын төв", "civil-registration");
        return await SmsEndpointTests.GiveSmsCodesAsync(kannel.App, id);
    }

    private Task<FeedbackItem?> FeedbackAsync(string trackingCode) =>
        kannel.App.WithDbAsync(db => db.Feedback.FirstOrDefaultAsync(f => f.TrackingCode == TrackingCodes.Normalize(trackingCode)));

    private static string CodeIn(string reply) =>
        System.Text.RegularExpressions.Regex.Match(reply, "[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}").Value;

    [KannelFact]
    public async Task FeedbackInCyrillic_IsStored_AndAnsweredInCyrillic_WithinOneSegment_AndDelivered()
    {
        var code = await ProviderCodeAsync();
        var reply = Assert.Single(await kannel.SendAsync("99110001", $"ҮНЭЛГЭЭ 4 {code} дараалал урт"));

        Assert.StartsWith("Баярлалаа", reply);
        Assert.True(reply.Length <= SmsReplies.UnicodeSegment, reply);
        var stored = await FeedbackAsync(CodeIn(reply));
        Assert.NotNull(stored);
        Assert.Equal((4, "дараалал урт", FeedbackChannel.Sms), (stored.Score, stored.Comment, stored.Channel));

        // Kannel's delivery report reaches Masam: the reply is delivered and its number forgotten.
        Assert.True(await Eventually.WaitAsync(() => kannel.App.WithDbAsync(db =>
            db.Outbox.AnyAsync(m => m.Body == reply && m.State == OutboxState.Delivered && m.To == ""))));

        // smsbox took Masam's answer to its get-url as it expects one (plain text), without a warning.
        var log = kannel.SmsboxLog();
        Assert.DoesNotContain("Tried to set Coding field", log);
    }

    [KannelFact]
    public async Task AFollowFromAnotherPhone_IsRefused_AndTheNoticesStillGoToTheFirstPhoneOnly()
    {
        var code = await ProviderCodeAsync();
        var tracking = CodeIn(Assert.Single(await kannel.SendAsync("99110020", $"ҮНЭЛГЭЭ 2 {code} муу")));
        Assert.Contains("мэдэгдэнэ", Assert.Single(await kannel.SendAsync("99110020", $"МЭДЭЭ {tracking}")));
        Assert.Contains("өөр утас", Assert.Single(await kannel.SendAsync("99110021", $"МЭДЭЭ {tracking}")));

        var item = (await FeedbackAsync(tracking))!;
        var contact = await kannel.App.WithDbAsync(db => db.FeedbackContacts.SingleAsync(c => c.FeedbackId == item.Id));
        Assert.Equal("99110020", contact.Phone);
    }

    [KannelFact]
    public async Task FeedbackInLatin_AndInEnglish_AreAnsweredInLatin_WithinOneGsmSegment()
    {
        var code = await ProviderCodeAsync();
        var latin = Assert.Single(await kannel.SendAsync("99110002", $"unelgee 4 {code.ToLowerInvariant()} daraalal urt"));
        var english = Assert.Single(await kannel.SendAsync("99110003", $"rate 2 {code} the queue is long"));

        Assert.StartsWith("Bayarlalaa", latin);
        Assert.StartsWith("Thank you", english);
        Assert.All(new[] { latin, english }, r => Assert.True(SmsReplies.GsmLength(r) <= SmsReplies.GsmSegment, r));
        var fromLatin = await FeedbackAsync(CodeIn(latin));
        var fromEnglish = await FeedbackAsync(CodeIn(english));
        Assert.Equal((4, "daraalal urt"), (fromLatin!.Score, fromLatin.Comment));
        Assert.Equal((2, "the queue is long"), (fromEnglish!.Score, fromEnglish.Comment));
        Assert.Equal(fromLatin.ProviderId, fromEnglish.ProviderId);
    }

    [KannelFact]
    public async Task StatusQueries_HelpAndStop_InBothScriptsAndLanguages()
    {
        var code = await ProviderCodeAsync();
        var tracking = CodeIn(Assert.Single(await kannel.SendAsync("99110004", $"rate 5 {code}")));

        Assert.Contains("Хүлээн авсан", Assert.Single(await kannel.SendAsync("99110004", $"ХЯНАХ {tracking}")));
        Assert.Contains("Received", Assert.Single(await kannel.SendAsync("99110004", $"status {tracking}")));
        Assert.Contains("Khüleen avsan", Assert.Single(await kannel.SendAsync("99110004", $"hyanah {tracking.ToLowerInvariant()}")));
        Assert.Contains("ҮНЭЛГЭЭ", Assert.Single(await kannel.SendAsync("99110004", "тусламж")));
        Assert.Contains("RATE 4", Assert.Single(await kannel.SendAsync("99110004", "help")));
        Assert.Contains("ÜNELGEE", Assert.Single(await kannel.SendAsync("99110004", "yu ve?")));
        Assert.Contains("зогсоолоо", Assert.Single(await kannel.SendAsync("99110005", "ЗОГС")));
        Assert.Contains("no more messages", Assert.Single(await kannel.SendAsync("99110006", "STOP")));
        var hasher = kannel.App.Services.GetRequiredService<PhoneHasher>();
        var stopped = new[] { hasher.Hash("99110005"), hasher.Hash("99110006") };
        Assert.Equal(2, await kannel.App.WithDbAsync(db => db.SmsOptOuts.CountAsync(o => stopped.Contains(o.PhoneHash))));
    }

    [KannelFact]
    public async Task ACitizenWhoFollowsBySms_IsToldOfTheAnswer_ThroughKannel_UntilTheySendStop()
    {
        var code = await ProviderCodeAsync();
        var tracking = CodeIn(Assert.Single(await kannel.SendAsync("99110008", $"ҮНЭЛГЭЭ 2 {code} дараалал урт")));
        Assert.Contains("мэдэгдэнэ", Assert.Single(await kannel.SendAsync("99110008", $"МЭДЭЭ {tracking}")));

        await kannel.App.CreateStaffAsync("kannel-official@test.mn", Masam.Web.Features.Accounts.StaffRoles.LocalOfficial, units: ["181"]);
        var official = await kannel.App.ClientForAsync("kannel-official@test.mn");
        var item = (await FeedbackAsync(tracking))!;
        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{item.Id}/responses", new { body = "Хоёр дахь цонх нээлээ.", @public = true, version = item.Version }))
            .EnsureSuccessStatusCode();

        var notice = Assert.Single(await kannel.ListenAsync("99110008", 1));
        Assert.Contains($"{tracking}: хариу ирлээ", notice);
        Assert.Contains("ЗОГС", notice);

        Assert.Contains("зогсоолоо", Assert.Single(await kannel.SendAsync("99110008", "ЗОГС")));
        var version = await kannel.App.WithDbAsync(db => db.Feedback.Where(f => f.Id == item.Id).Select(f => f.Version).SingleAsync());
        (await official.PostAsJsonAsync($"/api/v1/staff/feedback/{item.Id}/status", new { status = "closed", version })).EnsureSuccessStatusCode();
        Assert.False(await kannel.App.WithDbAsync(db => db.Outbox.AnyAsync(m => m.FeedbackId == item.Id && m.Kind == "notice-closed")));
    }

    [KannelFact]
    public async Task AnUnknownProviderCode_GetsAHelpfulReply_AndNothingIsStored()
    {
        var before = await kannel.App.CountFeedbackAsync();
        Assert.Contains("ZZZ999", Assert.Single(await kannel.SendAsync("99110007", "ҮНЭЛГЭЭ 4 ZZZ999 муу")));
        Assert.Equal(before, await kannel.App.CountFeedbackAsync());
    }
}
