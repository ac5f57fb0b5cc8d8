using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Sms;

/// <summary>The gateways' endpoints, called as Kannel and a RapidPro channel call them; replies stay in the outbox (no gateway to send through).</summary>
public sealed class SmsEndpointTests : IAsyncLifetime
{
    public const string Secret = "test-gateway-secret-0123456789";
    public const string HashKey = "test-phone-hash-key-0123456789-abcdef";

    private readonly MasamAppFactory _factory = new(
        ("Masam:Sms:GatewaySecret", Secret), ("Masam:Sms:PhoneHashKey", HashKey), ("Masam:Sms:MaxPerPhonePerHour", "5"));

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private HttpClient _client = null!;
    private string _code = null!;
    private int _providerId;

    public async Task InitializeAsync()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        _client = _factory.CreateClient();
        _providerId = await _factory.AddProviderAsync("MN18101", "oss-centre", "Туршилтын төв", "civil-registration");
        _code = await GiveSmsCodesAsync(_factory, _providerId);
    }

    /// <summary>Gives the providers added since the app started their SMS codes (as the next start would); returns this one's.</summary>
    public static async Task<string> GiveSmsCodesAsync(MasamAppFactory factory, int providerId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Masam.Web.Features.Providers.ProviderSmsCodes>().SeedAsync(CancellationToken.None);
        return await factory.WithDbAsync(db => db.Providers.Where(p => p.Id == providerId).Select(p => p.SmsCode!).SingleAsync());
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> Kannel(string from, string text, string id, string? key = Secret) =>
        _client.GetAsync($"/api/v1/sms/kannel?from={Uri.EscapeDataString(from)}&to=1411&text={Uri.EscapeDataString(text)}&id={id}" +
            (key is null ? "" : $"&key={Uri.EscapeDataString(key)}"));

    /// <summary>Feedback left on the web with contact details: its id and tracking code.</summary>
    private async Task<(long Id, string TrackingCode)> SubmitWithContactAsync(string? phone, string email, bool notify)
    {
        var receipt = await (await _client.PostAsJsonAsync("/api/v1/feedback", new { providerId = _providerId, score = 3, contact = new { phone, email, notify } })).ReadJsonAsync();
        var code = TrackingCodes.Normalize(receipt.GetProperty("trackingCode").GetString())!;
        return (await _factory.WithDbAsync(db => db.Feedback.Where(f => f.TrackingCode == code).Select(f => f.Id).SingleAsync()), code);
    }

    private Task<List<OutboxMessage>> RepliesAsync() =>
        _factory.WithDbAsync(db => db.Outbox.Where(m => m.Channel == OutboxChannel.Sms).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public void ProvidersGetACodeFromTheirSoum()
    {
        Assert.Matches("^ULI[0-9]{2}$", _code); // Uliastai
        Assert.Matches(SmsGrammar.ProviderCode(), _code);
    }

    [Fact]
    public async Task FeedbackInCyrillicAndInLatin_GivesTheSameRecord_AndAReplyInEachScript()
    {
        (await Kannel("+97699112233", $"ҮНЭЛГЭЭ 4 {_code} дараалал урт", "m-1")).EnsureSuccessStatusCode();
        (await Kannel("99112244", $"unelgee 4 {_code.ToLowerInvariant()} daraalal urt", "m-2")).EnsureSuccessStatusCode();

        var stored = await _factory.WithDbAsync(db => db.Feedback.Include(f => f.Contact).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, f =>
        {
            Assert.Equal(_providerId, f.ProviderId);
            Assert.Equal(4, f.Score);
            Assert.Equal(FeedbackChannel.Sms, f.Channel);
            Assert.Null(f.Contact); // anonymous: no number kept with it
        });
        Assert.Equal(["дараалал урт", "daraalal urt"], stored.Select(f => f.Comment));

        var replies = await RepliesAsync();
        Assert.Equal(2, replies.Count);
        Assert.Equal("+97699112233", replies[0].To);
        Assert.Contains(TrackingCodes.Format(stored[0].TrackingCode), replies[0].Body);
        Assert.Contains("Баярлалаа", replies[0].Body);
        Assert.True(replies[0].Body.Length <= SmsReplies.UnicodeSegment, replies[0].Body);
        Assert.Contains(TrackingCodes.Format(stored[1].TrackingCode), replies[1].Body);
        Assert.NotNull(SmsReplies.GsmLength(replies[1].Body)); // Latin: one GSM-7 segment
        Assert.True(SmsReplies.FitsOneSegment(replies[1].Body), replies[1].Body);

        // No number, no text in the inbound record: a keyed hash only.
        var inbound = await _factory.WithDbAsync(db => db.SmsInbound.ToListAsync());
        Assert.Equal(2, inbound.Count);
        Assert.All(inbound, m => Assert.DoesNotContain("99112", m.PhoneHash));
        Assert.NotEqual(inbound[0].PhoneHash, inbound[1].PhoneHash);
    }

    [Fact]
    public async Task AReplayedGatewayId_IsStoredOnce_AndAnsweredOnce()
    {
        for (var i = 0; i < 3; i++)
        {
            var response = await Kannel("99112233", $"unelgee 5 {_code}", "same-id");
            response.EnsureSuccessStatusCode();
            // Kannel reads the answer as a reply's text: plain text in UTF-8, not JSON.
            Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(i == 0 ? "answered" : "replayed", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, await _factory.CountFeedbackAsync());
        Assert.Single(await RepliesAsync());
    }

    [Fact]
    public async Task WithoutTheSecret_401_AndNothingIsStored()
    {
        await (await Kannel("99112233", $"unelgee 5 {_code}", "k-1", key: null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await Kannel("99112233", $"unelgee 5 {_code}", "k-2", key: "wrong-secret-wrong-secret")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["from"] = "99112233", ["text"] = $"rate 5 {_code}" });
        await (await _client.PostAsync("/api/v1/sms/rapidpro/receive", form)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(0, await _factory.CountFeedbackAsync());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.SmsInbound.CountAsync()));
        Assert.Empty(await RepliesAsync());
    }

    [Fact]
    public async Task AGatewayRequestWithoutSenderOrId_IsA400_NamingIt()
    {
        var problem = await (await _client.GetAsync($"/api/v1/sms/kannel?key={Secret}&text=hi")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("from"));
        Assert.NotEmpty(problem.FieldErrors("id"));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.SmsInbound.CountAsync()));
    }

    public static TheoryData<string, string> CitizenMistakes => new()
    {
        { "ҮНЭЛГЭЭ 4 ZZZ999 муу", "ZZZ999" },          // unknown provider code
        { "ҮНЭЛГЭЭ 9 ULI01", "1-5" },                  // score out of range
        { "", "ÜNELGEE" },                              // empty text: Mongolian in Latin, which any phone shows
        { "👍👍👍", "ҮНЭЛГЭЭ" },                         // only emoji (UCS-2: answered in Cyrillic)
        { "сайн байна уу", "ҮНЭЛГЭЭ" },                 // not a command
        { "hyanah 123", "KHYANAKH" },                   // a status query without a valid code, in Latin
    };

    [Theory]
    [MemberData(nameof(CitizenMistakes))]
    public async Task ACitizensMistake_GetsAHelpReply_InTheirScript_AndStoresNoFeedback(string text, string replyContains)
    {
        (await Kannel("99112233", text, Guid.NewGuid().ToString())).EnsureSuccessStatusCode();

        Assert.Equal(0, await _factory.CountFeedbackAsync());
        var reply = Assert.Single(await RepliesAsync());
        Assert.Contains(replyContains, reply.Body, StringComparison.OrdinalIgnoreCase);
        Assert.True(SmsReplies.FitsOneSegment(reply.Body), reply.Body);
    }

    [Fact]
    public async Task ALongMessage_MixedScriptsAndEmoji_IsStoredWhole()
    {
        var comment = string.Concat(Enumerable.Repeat("Дараалал long 😀 ", 62))[..980];
        (await Kannel("99112233", $"ҮНЭЛГЭЭ 2 {_code} {comment}", "long-1")).EnsureSuccessStatusCode();

        var stored = await _factory.WithDbAsync(db => db.Feedback.SingleAsync());
        Assert.Equal(comment.Trim(), stored.Comment);
        Assert.Equal(2, stored.Score);
    }

    [Fact]
    public async Task ACommentOverTheLimit_IsNotStored_AndTheCitizenIsToldWhy()
    {
        (await Kannel("99112233", $"rate 2 {_code} {new string('a', 4100)}", "too-long")).EnsureSuccessStatusCode();

        Assert.Equal(0, await _factory.CountFeedbackAsync());
        Assert.Contains("4,000", Assert.Single(await RepliesAsync()).Body);
    }

    [Fact]
    public async Task StatusQuery_AnswersWithTheStatus_InTheQuerysLanguage()
    {
        (await Kannel("99112233", $"rate 3 {_code}", "s-1")).EnsureSuccessStatusCode();
        var code = await _factory.WithDbAsync(db => db.Feedback.Select(f => f.TrackingCode).SingleAsync());

        (await Kannel("99112233", $"ХЯНАХ {TrackingCodes.Format(code)}", "s-2")).EnsureSuccessStatusCode();
        (await Kannel("99112233", $"status {code.ToLowerInvariant()}", "s-3")).EnsureSuccessStatusCode();
        var unknown = TrackingCodes.New();
        (await Kannel("99112233", $"status {unknown}", "s-4")).EnsureSuccessStatusCode();

        var replies = await RepliesAsync();
        Assert.Equal(4, replies.Count);
        Assert.Contains("Хүлээн авсан", replies[1].Body);
        Assert.Contains("Received", replies[2].Body);
        Assert.Contains(TrackingCodes.Format(unknown), replies[3].Body);
    }

    [Fact]
    public async Task Stop_RemembersThePhone_ByItsHashOnly()
    {
        (await Kannel("99112233", "ЗОГС", "stop-1")).EnsureSuccessStatusCode();
        (await Kannel("+976 9911 2233", "stop", "stop-2")).EnsureSuccessStatusCode();

        var optOut = Assert.Single(await _factory.WithDbAsync(db => db.SmsOptOuts.ToListAsync()));
        Assert.Equal(new PhoneHasher(Microsoft.Extensions.Options.Options.Create(new SmsOptions { PhoneHashKey = HashKey })).Hash("99112233"), optOut.PhoneHash);
        var replies = await RepliesAsync();
        Assert.Contains("зогсоолоо", replies[0].Body);
        Assert.Contains("no more messages", replies[1].Body);
    }

    [Fact]
    public async Task APhoneOverItsHourlyLimit_IsNeitherStoredNorAnswered()
    {
        for (var i = 0; i < 7; i++)
        {
            (await Kannel("99110000", $"rate 4 {_code}", $"limit-{i}")).EnsureSuccessStatusCode();
        }

        Assert.Equal(5, await _factory.CountFeedbackAsync());
        Assert.Equal(5, (await RepliesAsync()).Count);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.SmsInbound.CountAsync(m => m.Command == "limited")));
    }

    [Fact]
    public async Task ABurstFromOnePhone_IsCountedAtomically_OnlyTheLimitIsStored()
    {
        // 40 messages at once: counted before any of them was stored, every one was under the limit.
        var sent = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Kannel("99110009", $"rate 5 {_code}", $"burst-{i}")));
        Assert.All(sent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        Assert.Equal(5, await _factory.CountFeedbackAsync());
        Assert.Equal(5, (await RepliesAsync()).Count);
        Assert.Equal(35, await _factory.WithDbAsync(db => db.SmsInbound.CountAsync(m => m.Command == "limited")));
        Assert.Equal(40, (await Task.WhenAll(sent.Select(r => r.Content.ReadAsStringAsync()))).Count(t => t is "answered" or "limited"));

        // Another phone is counted on its own.
        (await Kannel("99110010", $"rate 5 {_code}", "other-phone")).EnsureSuccessStatusCode();
        Assert.Equal(6, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task AfterTheHour_APhoneMayWriteAgain()
    {
        for (var i = 0; i < 6; i++) (await Kannel("99110011", $"rate 4 {_code}", $"hour-{i}")).EnsureSuccessStatusCode();
        Assert.Equal(5, await _factory.CountFeedbackAsync());

        _clock.Advance(TimeSpan.FromMinutes(61));
        (await Kannel("99110011", $"rate 4 {_code}", "hour-later")).EnsureSuccessStatusCode();
        Assert.Equal(6, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task AStopOverTheLimit_StillStops_WithoutAReply()
    {
        for (var i = 0; i < 5; i++) (await Kannel("99110012", $"rate 4 {_code}", $"pre-{i}")).EnsureSuccessStatusCode();
        Assert.Equal("limited", await (await Kannel("99110012", "STOP", "stop-over")).Content.ReadAsStringAsync());

        Assert.Equal(1, await _factory.WithDbAsync(db => db.SmsOptOuts.CountAsync()));
        Assert.Equal(5, (await RepliesAsync()).Count);
    }

    [Fact]
    public async Task AStoppedPhone_IsSentNothing_ButHeard_UntilItSendsStart()
    {
        (await Kannel("99110013", $"rate 2 {_code}", "st-1")).EnsureSuccessStatusCode();
        var code = await _factory.WithDbAsync(db => db.Feedback.Select(f => f.TrackingCode).SingleAsync());
        (await Kannel("99110013", "ЗОГС", "st-2")).EnsureSuccessStatusCode();
        var before = (await RepliesAsync()).Count;

        // Stopped: feedback is still stored, but no reply; status and follow get nothing.
        (await Kannel("99110013", $"ҮНЭЛГЭЭ 5 {_code} сайн", "st-3")).EnsureSuccessStatusCode();
        (await Kannel("99110013", $"ХЯНАХ {code}", "st-4")).EnsureSuccessStatusCode();
        (await Kannel("99110013", $"МЭДЭЭ {code}", "st-5")).EnsureSuccessStatusCode();
        Assert.Equal(2, await _factory.CountFeedbackAsync());
        Assert.Equal(before, (await RepliesAsync()).Count);
        Assert.Null(await _factory.WithDbAsync(db => db.FeedbackContacts.SingleOrDefaultAsync()));

        // Help is the one answer: that it is stopped, and how to start again (an hour later: the limit here is 5).
        _clock.Advance(TimeSpan.FromMinutes(61));
        (await Kannel("99110013", "сайн байна уу", "st-5b")).EnsureSuccessStatusCode(); // a mistake: no help reply to a stopped phone
        Assert.Equal(before, (await RepliesAsync()).Count);
        (await Kannel("99110013", "тусламж", "st-6")).EnsureSuccessStatusCode();
        Assert.Contains("ЭХЛЭХ", (await RepliesAsync())[^1].Body);

        (await Kannel("99110013", "ЭХЛЭХ", "st-7")).EnsureSuccessStatusCode();
        Assert.Equal(0, await _factory.WithDbAsync(db => db.SmsOptOuts.CountAsync()));
        Assert.Contains("дахин", (await RepliesAsync())[^1].Body);
        (await Kannel("99110013", $"ХЯНАХ {code}", "st-8")).EnsureSuccessStatusCode();
        Assert.Contains("Хүлээн авсан", (await RepliesAsync())[^1].Body);
    }

    [Fact]
    public async Task AFollowFromAnotherPhone_IsRefused_AndChangesNothing()
    {
        var item = await SubmitWithContactAsync(phone: "99110014", email: "citizen@example.mn", notify: true);
        await _factory.WithDbAsync(db => db.FeedbackContacts.Where(c => c.FeedbackId == item.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.StoppedAt, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc))));

        (await Kannel("88990000", $"follow {item.TrackingCode}", "f-1")).EnsureSuccessStatusCode();

        Assert.Contains("Another phone", (await RepliesAsync())[^1].Body);
        var contact = await _factory.WithDbAsync(db => db.FeedbackContacts.SingleAsync(c => c.FeedbackId == item.Id));
        Assert.Equal(("99110014", "citizen@example.mn", true), (contact.Phone, contact.Email, contact.StoppedAt is not null));
    }

    [Fact]
    public async Task AFollowAddsAPhone_WithoutStartingEmailsThatWereNotAskedFor()
    {
        var item = await SubmitWithContactAsync(phone: null, email: "quiet@example.mn", notify: false);

        (await Kannel("88990001", $"follow {item.TrackingCode}", "f-2")).EnsureSuccessStatusCode();
        (await Kannel("88990001", $"follow {item.TrackingCode}", "f-3")).EnsureSuccessStatusCode();

        Assert.All((await RepliesAsync()).TakeLast(2), r => Assert.Contains("We will tell you", r.Body));
        var contact = await _factory.WithDbAsync(db => db.FeedbackContacts.SingleAsync(c => c.FeedbackId == item.Id));
        Assert.Equal("88990001", contact.Phone);
        Assert.True(contact.Notify);
        Assert.False(contact.WantsEmails);
    }

    [Fact]
    public async Task DeliveryReports_MarkTheReply_AndForgetTheNumber_UnknownOnesAre404()
    {
        (await Kannel("99112233", $"rate 4 {_code}", "d-1")).EnsureSuccessStatusCode();
        var reply = Assert.Single(await RepliesAsync());

        (await _client.GetAsync($"/api/v1/sms/kannel/delivery?key={Secret}&id={reply.Id}&status=8")).EnsureSuccessStatusCode();
        Assert.Equal(OutboxState.Sent, (await RepliesAsync())[0].State);
        (await _client.GetAsync($"/api/v1/sms/kannel/delivery?key={Secret}&id={reply.Id}&status=1")).EnsureSuccessStatusCode();
        var delivered = Assert.Single(await RepliesAsync());
        Assert.Equal(OutboxState.Delivered, delivered.State);
        Assert.NotNull(delivered.DeliveredAt);
        Assert.Equal("", delivered.To);

        await (await _client.GetAsync($"/api/v1/sms/kannel/delivery?key={Secret}&id=999999&status=1")).AssertProblemAsync(HttpStatusCode.NotFound);
        var bad = await (await _client.GetAsync($"/api/v1/sms/kannel/delivery?key={Secret}&id=x&status=77")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("id"));
        Assert.NotEmpty(bad.FieldErrors("status"));
    }

    [Fact]
    public async Task RapidProContract_FromTextDate_WithoutAnId_IsIdempotentOnTheMessage()
    {
        var form = new Dictionary<string, string> { ["from"] = "+97688001122", ["text"] = $"ҮНЭЛГЭЭ 5 {_code} сайн", ["date"] = "2026-12-02T10:00:00Z" };
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/rapidpro/receive") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(SmsEndpoints.KeyHeader, Secret);
            (await _client.SendAsync(request)).EnsureSuccessStatusCode();
        }

        var stored = await _factory.WithDbAsync(db => db.Feedback.SingleAsync());
        Assert.Equal("сайн", stored.Comment);
        var reply = Assert.Single(await RepliesAsync());
        using var status = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/rapidpro/status")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = reply.Id.ToString(), ["status"] = "failed" }),
        };
        status.Headers.Add(SmsEndpoints.KeyHeader, Secret);
        (await _client.SendAsync(status)).EnsureSuccessStatusCode();
        Assert.Equal(OutboxState.Failed, (await RepliesAsync())[0].State);
    }

    [Fact]
    public async Task WithSmsOff_TheEndpointsAreNotFound()
    {
        using var off = new MasamAppFactory();
        await (await off.CreateClient().GetAsync("/api/v1/sms/kannel?from=1&text=x&id=1&key=x")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
