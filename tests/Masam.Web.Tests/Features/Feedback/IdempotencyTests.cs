using System.Net;
using Masam.Web.Features.Feedback;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masam.Web.Tests.FeedbackRequests;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class IdempotencyTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private readonly HttpClient _client;

    public IdempotencyTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Retry_WithTheSameKey_ReturnsTheFirstResult_AndStoresOnce()
    {
        var provider = await _factory.AddProviderAsync();
        var body = new { providerId = provider, score = 4, comment = "Сайн үйлчилгээ" };

        var first = await _client.SendAsync(Submit(body, "retry-key-1"));
        var retry = await _client.SendAsync(Submit(body, "retry-key-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("trackingCode").GetString(),
            (await retry.ReadJsonAsync()).GetProperty("trackingCode").GetString());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task ThePurge_ForgetsKeysOlderThanTheRetention_AndKeepsTheFeedback()
    {
        var provider = await _factory.AddProviderAsync();
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(Submit(new { providerId = provider, score = 4 }, "old-key"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(Submit(new { providerId = provider, score = 5 }, "new-key"))).StatusCode);
        await _factory.WithDbAsync(async db =>
        {
            var old = await db.IdempotencyRecords.Include(r => r.Feedback).SingleAsync(r => r.Feedback!.Score == 4);
            old.CreatedAt = DateTime.UtcNow.AddDays(-8);
            await db.SaveChangesAsync();
        });

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<IdempotencyPurge>().ExecuteAsync(default));
        }

        Assert.Equal(1, await _factory.WithDbAsync(db => db.IdempotencyRecords.CountAsync()));
        Assert.Equal(2, await _factory.CountFeedbackAsync());
        // The remembered key still replays; the forgotten one would now be taken as new.
        Assert.Equal("true", (await _client.SendAsync(Submit(new { providerId = provider, score = 5 }, "new-key"))).Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task ConcurrentRetries_WithTheSameKey_StoreOnce_AndAllGetTheSameCode()
    {
        var provider = await _factory.AddProviderAsync();
        var body = new { providerId = provider, score = 2 };

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _client.SendAsync(Submit(body, "flaky-network"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var codes = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("trackingCode").GetString()));
        Assert.Single(codes.Distinct());
        Assert.Equal(1, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task DifferentKeys_StoreSeparateFeedback()
    {
        var provider = await _factory.AddProviderAsync();
        var body = new { providerId = provider, score = 3 };

        await _client.SendAsync(Submit(body, "key-a"));
        await _client.SendAsync(Submit(body, "key-b"));
        await _client.SendAsync(Submit(body));

        Assert.Equal(3, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task SameKey_WithAnotherBody_Answers422_AndStoresNothingMore()
    {
        var provider = await _factory.AddProviderAsync();
        await _client.SendAsync(Submit(new { providerId = provider, score = 3 }, "reused"));

        var response = await _client.SendAsync(Submit(new { providerId = provider, score = 1 }, "reused"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task ARejectedSubmission_DoesNotUseUpItsKey()
    {
        var provider = await _factory.AddProviderAsync();
        await _client.SendAsync(Submit(new { providerId = provider, score = 9 }, "fix-and-retry"));

        var response = await _client.SendAsync(Submit(new { providerId = provider, score = 5 }, "fix-and-retry"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AKeyOver255Characters_Answers400()
    {
        var provider = await _factory.AddProviderAsync();

        var response = await _client.SendAsync(Submit(new { providerId = provider, score = 3 }, new string('k', 256)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }
}
