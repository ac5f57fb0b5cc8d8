using Masam.Web.Features.Figures;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Scrutiny;
using Masam.Web.Features.Visits;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Scrutiny;

/// <summary>
/// The checks on visit data, on a quarter of visits as three centres reported them: one that fudges
/// (one number on many visits, made-up numbers, questions that bounce, a month that jumps), one whose
/// visitors never reply, and a clean one, which nothing flags.
/// </summary>
public sealed class VisitChecksTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new();
    private int _fudging, _silent, _clean;

    public async Task InitializeAsync()
    {
        (_fudging, _silent, _clean) = (await _factory.AddProviderAsync("MN18101"), await _factory.AddProviderAsync("MN18101"), await _factory.AddProviderAsync("MN18101"));
        var visits = new List<ServiceVisit>();
        var n = 0;
        ServiceVisit Visit(int provider, int month, SurveyState state = SurveyState.NotAsked, string? hash = null, bool madeUp = false) => new()
        {
            ProviderId = provider, ExternalId = $"v{n++}", VisitedAt = new DateTime(2026, month, 10, 3, 0, 0, DateTimeKind.Utc), PhoneHash = hash ?? $"hash-{n}",
            MadeUpNumber = madeUp, Language = "mn", Origin = "api", Survey = state, AskedAt = state is SurveyState.Answered or SurveyState.Unanswered ? new DateTime(2026, month, 11, 2, 0, 0, DateTimeKind.Utc) : null,
        };

        foreach (var month in new[] { 5, 6, 7 }) visits.AddRange(Enumerable.Range(0, 20).Select(_ => Visit(_fudging, month)));
        visits.AddRange(Enumerable.Range(0, 15).Select(_ => Visit(_fudging, 8, SurveyState.Answered)));
        visits.AddRange(Enumerable.Range(0, 10).Select(_ => Visit(_fudging, 8, SurveyState.Unanswered)));
        visits.AddRange(Enumerable.Range(0, 15).Select(_ => Visit(_fudging, 8, hash: "the-counter's-own")));
        visits.AddRange(Enumerable.Range(0, 6).Select(_ => Visit(_fudging, 8, madeUp: true)));
        visits.AddRange(Enumerable.Range(0, 154).Select(_ => Visit(_fudging, 8)));
        visits.AddRange(Enumerable.Range(0, 30).Select(_ => Visit(_silent, 8, SurveyState.Unanswered)));
        visits.AddRange(Enumerable.Range(0, 20).Select(_ => Visit(_clean, 8, SurveyState.Answered)));
        visits.AddRange(Enumerable.Range(0, 10).Select(_ => Visit(_clean, 8, SurveyState.Unanswered)));
        visits.AddRange(Enumerable.Range(0, 10).Select(_ => Visit(_clean, 8)));
        await _factory.WithDbAsync(async db =>
        {
            db.AddRange(visits);
            await db.SaveChangesAsync();
            // The gateway finally failed 10 of the fudging centre's 25 questions.
            db.Outbox.AddRange(visits.Where(v => v.ProviderId == _fudging && v.Survey == SurveyState.Unanswered).Select(v => new OutboxMessage
            {
                Kind = SurveyRound.QuestionKind, Channel = OutboxChannel.Sms, To = "", Subject = "", Body = "…", CreatedAt = v.AskedAt!.Value,
                State = OutboxState.Failed, SourceKey = $"survey:{v.Id}",
            }));
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheFudgingCentre_AndTheSilentOne_AreFlaggedWithTheirEvidence_AndTheCleanOneIsNot()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var findings = await scope.ServiceProvider.GetServices<IScrutinySource>().OfType<VisitChecks>().Single()
            .FindAsync(FigurePeriod.Parse("2026-Q3")!, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);

        string Evidence(Finding f) => string.Join(",", f.Evidence.Select(e => $"{e.Key}={e.Value}"));
        var found = findings.OrderBy(f => f.ProviderId).ThenBy(f => f.Signal).Select(f => (f.ProviderId, f.Signal, Evidence(f))).ToList();
        Assert.Equal(
        [
            (_fudging, "bounces", "failed=10,asked=25"),
            (_fudging, "made-up-numbers", "visits=6,allVisits=220"),
            (_fudging, "visit-jump", "month=2026-08,visits=200,before=20"),
            (_fudging, "visits-one-number", "visits=15,numbers=1,allVisits=220"),
            (_silent, "no-replies", $"answered=0,asked=30,rate=0,everywhere={Math.Round(35.0 / 85, 3)},falseDiscoveryRate=0.05"),
        ], found);
    }

    [Theory]
    [InlineData("99999999", true)]
    [InlineData("12345678", true)]
    [InlineData("87654321", true)]
    [InlineData("12121212", true)]
    [InlineData("99112233", false)]
    [InlineData("88020001", false)]
    public void AMadeUpNumber_IsOneNoOperatorIssues(string number, bool madeUp) => Assert.Equal(madeUp, VisitRules.LooksMadeUp(number));
}
