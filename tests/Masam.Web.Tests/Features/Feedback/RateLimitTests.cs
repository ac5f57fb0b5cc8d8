using System.Net;
using Masam.Web.Tests.Infrastructure;
using static Masam.Web.Tests.FeedbackRequests;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class RateLimitTests : IDisposable
{
    private readonly MasamAppFactory _factory = new(("Masam:RateLimit:FeedbackPerMinute", "3"));
    private readonly HttpClient _client;

    public RateLimitTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Submit_Answers429WithRetryAfter_PastTheLimit_AndStoresNothingMore()
    {
        var provider = await _factory.AddProviderAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(Submit(new { providerId = provider, score = 3 }))).StatusCode);
        }

        var response = await _client.SendAsync(Submit(new { providerId = provider, score = 3 }));

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal(3, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task Reads_AreNotLimited()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/v1/admin-units?level=1")).StatusCode);
        }
    }
}
