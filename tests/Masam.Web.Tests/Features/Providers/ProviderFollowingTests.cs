using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Masam.Web.Features.Providers;
using Masam.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Providers;

/// <summary>Following a provider's public answers by e-mail: confirmed first, each answer sent, stopped by a link.</summary>
public sealed partial class ProviderFollowingTests : ResponderTestBase
{
    protected override (string Key, string? Value)[] Settings => [("Masam:PublicUrl", "https://masam.test")];

    [GeneratedRegex("https://masam.test/follow/([A-Za-z0-9_-]{24})")]
    private static partial Regex FollowLink();

    private Task<List<OutboxMessage>> MailAsync(string to) =>
        Factory.WithDbAsync(db => db.Outbox.Where(m => m.To == to && m.Channel == OutboxChannel.Email).OrderBy(m => m.Id).ToListAsync());

    private async Task AnswerAsync(long id, string body) =>
        (await Official.PostAsJsonAsync($"/api/v1/staff/feedback/{id}/responses", new { body, @public = true, version = 0 })).EnsureSuccessStatusCode();

    [Fact]
    public async Task AFollower_ConfirmsByTheLink_GetsEachPublicAnswer_AndStops()
    {
        var page = await Public.GetStringAsync($"/provider/{ProviderId}/follow");
        Assert.Contains("Туршилтын төв", page);
        var sent = await Public.PostFormAsync($"/provider/{ProviderId}/follow", new() { ["email"] = "dorj@example.mn" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var confirm = Assert.Single(await MailAsync("dorj@example.mn"));
        var token = FollowLink().Match(confirm.Body).Groups[1].Value;
        Assert.NotEmpty(token);

        // Before confirming, an answer is not sent.
        var (first, _) = await SubmitFeedbackAsync(new { providerId = ProviderId, score = 2 });
        await AnswerAsync(first, "Эхний хариу");
        Assert.Single(await MailAsync("dorj@example.mn"));

        Assert.Contains("Туршилтын төв", await Public.GetStringAsync($"/follow/{token}")); // a GET (a mail scanner) confirms nothing
        Assert.Equal(HttpStatusCode.OK, (await Public.PostFormAsync($"/follow/{token}?handler=Follow", [], $"/follow/{token}")).StatusCode);

        var (second, _) = await SubmitFeedbackAsync(new { providerId = ProviderId, score = 2 });
        await AnswerAsync(second, "Хоёр дахь цонх нээлээ. Утас 99112233");
        var answer = (await MailAsync("dorj@example.mn")).Last();
        Assert.Contains("Хоёр дахь цонх нээлээ.", answer.Body);
        Assert.DoesNotContain("99112233", answer.Body); // masked as on every public text
        Assert.Contains($"https://masam.test/follow/{token}", answer.Body);

        Assert.Equal(HttpStatusCode.OK, (await Public.PostFormAsync($"/follow/{token}?handler=Stop", [], $"/follow/{token}")).StatusCode);
        var (third, _) = await SubmitFeedbackAsync(new { providerId = ProviderId, score = 2 });
        await AnswerAsync(third, "Гурав дахь хариу");
        Assert.Equal(2, (await MailAsync("dorj@example.mn")).Count);
    }

    [Fact]
    public async Task TheForm_CannotFloodAnInbox_OneConfirmationPerSignUpAnHour_AndThreeAnAddressADay()
    {
        // Six sign-ups for one provider within a minute, three of them at once: one e-mail.
        var sent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Factory.CreateClient().PostFormAsync($"/provider/{ProviderId}/follow", new() { ["email"] = "flood@example.mn" })));
        for (var i = 0; i < 3; i++) sent = [.. sent, await Public.PostFormAsync($"/provider/{ProviderId}/follow", new() { ["email"] = "flood@example.mn" })];
        Assert.All(sent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode)); // the same answer every time
        Assert.Single(await MailAsync("flood@example.mn"));

        // Ten providers: two more, three in the day in all.
        var others = new List<int>();
        for (var i = 0; i < 10; i++) others.Add(await Factory.AddProviderAsync("MN18101", nameMn: $"Өөр төв {i}"));
        foreach (var other in others) Assert.Equal(HttpStatusCode.OK, (await Public.PostFormAsync($"/provider/{other}/follow", new() { ["email"] = "flood@example.mn" })).StatusCode);
        Assert.Equal(ProviderFollowing.ConfirmationsPerAddressPerDay, (await MailAsync("flood@example.mn")).Count);
        // Another address is counted on its own.
        await Public.PostFormAsync($"/provider/{ProviderId}/follow", new() { ["email"] = "someone.else@example.mn" });
        Assert.Single(await MailAsync("someone.else@example.mn"));

        // A day later the address may be asked again, once per sign-up.
        Clock.Advance(TimeSpan.FromHours(25));
        await Public.PostFormAsync($"/provider/{ProviderId}/follow", new() { ["email"] = "flood@example.mn" });
        await Public.PostFormAsync($"/provider/{ProviderId}/follow", new() { ["email"] = "flood@example.mn" });
        Assert.Equal(ProviderFollowing.ConfirmationsPerAddressPerDay + 1, (await MailAsync("flood@example.mn")).Count);
    }

    [Fact]
    public async Task ABadAddress_IsRefused_AndAnUnknownLinkIsNotFound()
    {
        var refused = await Public.PostFormAsync($"/provider/{ProviderId}/follow", new() { ["email"] = "not an address" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("href=\"#f-email\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ProviderFollowers.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync("/follow/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync("/provider/999999/follow")).StatusCode);
    }
}
