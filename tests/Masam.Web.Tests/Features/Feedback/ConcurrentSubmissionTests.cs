using System.Net;
using Masam.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;
using static Masam.Web.Tests.FeedbackRequests;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class ConcurrentSubmissionTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SixtyFourSubmitters_LoseNothing_AndNoneGetsA5xx()
    {
        const int submitters = 64;
        const int perSubmitter = 12;
        var providers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _factory.AddProviderAsync()));
        var client = _factory.CreateClient();
        using var start = new SemaphoreSlim(0);

        var work = Enumerable.Range(0, submitters).Select(async s =>
        {
            await start.WaitAsync();
            var results = new List<(HttpStatusCode Status, string? Code)>();
            for (var i = 0; i < perSubmitter; i++)
            {
                // A third retry with a key they already used, as flaky phones do.
                var key = i % 3 == 2 ? $"s{s}-{i - 1}" : $"s{s}-{i}";
                var body = i % 3 == 2
                    ? new { providerId = providers[(s + i - 1) % providers.Length], score = (s + i - 1) % 5 + 1 }
                    : new { providerId = providers[(s + i) % providers.Length], score = (s + i) % 5 + 1 };
                var response = await client.SendAsync(Submit(body, key));
                var text = await response.Content.ReadAsStringAsync();
                results.Add((response.StatusCode, response.IsSuccessStatusCode
                    ? System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("trackingCode").GetString()
                    : text));
            }

            return results;
        }).ToList();
        start.Release(submitters);
        var all = (await Task.WhenAll(work)).SelectMany(r => r).ToList();

        Assert.DoesNotContain(all, r => (int)r.Status >= 500);
        Assert.All(all, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var acceptedCodes = all.Select(r => TrackingCodes.Normalize(r.Code)!).Distinct().ToList();
        var storedCodes = await _factory.WithDbAsync(db => db.Feedback.Select(f => f.TrackingCode).ToListAsync());
        Assert.Equal(submitters * perSubmitter * 2 / 3, acceptedCodes.Count);
        Assert.Equal(acceptedCodes.Order(), storedCodes.Order());
    }
}
