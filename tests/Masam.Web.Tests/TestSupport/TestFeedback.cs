using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.TestSupport;

public static class TestFeedback
{
    /// <summary>The aimag code a feedback row of the provider is stored with.</summary>
    public static string AimagOf(this MasamDbContext db, int providerId) =>
        db.Providers.Where(p => p.Id == providerId).Select(ProviderDirectory.AimagCode).First();

    /// <summary>
    /// Stores one web response per score about the provider, received at the given moment (so a test
    /// can put responses in a period that has ended), each shaped further by <paramref name="shape"/>.
    /// </summary>
    public static Task AddResponsesAsync(this MasamAppFactory factory, int provider, DateTime received, IEnumerable<int> scores, Action<FeedbackItem>? shape = null) =>
        factory.WithDbAsync(async db =>
        {
            var aimag = db.AimagOf(provider);
            foreach (var score in scores)
            {
                var item = new FeedbackItem
                {
                    TrackingCode = TrackingCodes.New(), ProviderId = provider, AimagCode = aimag, Score = score, Channel = FeedbackChannel.Web,
                    ReceivedAt = received, ReceivedMonth = MongolianTime.MonthOf(received), UpdatedAt = received, DueAt = AnswerDeadline.DueFor(received),
                };
                shape?.Invoke(item);
                db.Feedback.Add(item);
            }

            await db.SaveChangesAsync();
        });

    /// <summary>Counts the figures now (a full aggregation run), as the scheduled job would.</summary>
    public static async Task CountFiguresAsync(this MasamAppFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Masam.Web.Features.Figures.FeedbackAggregation>().FullAsync(default);
    }

    /// <summary>Scores of 5 for the satisfied and 1 for the rest.</summary>
    public static IEnumerable<int> Scores(int satisfied, int unsatisfied, int low = 1) => Enumerable.Repeat(5, satisfied).Concat(Enumerable.Repeat(low, unsatisfied));
}
