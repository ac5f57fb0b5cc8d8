using Masam.Web.Data;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Sms;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Visits;

/// <summary>
/// The proactive survey's round, every few minutes: draws the visits to ask, asks them (outside the
/// quiet hours), reminds once those that have not answered, and closes the surveys whose window is
/// over. Each step is one conditional update or one transaction, so that a round stopped halfway
/// leaves nothing asked twice: the next round goes on from where it stopped.
/// </summary>
/// <remarks>
/// Drawing: a phone that sent STOP, or was asked within <see cref="SurveyOptions.PhoneCooldownDays"/>,
/// or is drawn for another visit, is not asked; otherwise the first <see cref="SurveyOptions.MinPerMonth"/>
/// visits of each provider and service line in a month are drawn, then each with probability
/// <see cref="SurveyOptions.Rate"/>. A visit not drawn loses its number at once.
/// </remarks>
public sealed class SurveyRound(MasamDbContext db, IOptions<VisitOptions> options, SmsSender sender, TimeProvider clock, ILogger<SurveyRound> logger)
{
    private const int Batch = 5000;

    /// <summary>The outbox kind of the survey's question (the reminder's is <c>survey-reminder</c>).</summary>
    public const string QuestionKind = "survey";
    private SurveyOptions Survey => options.Value.Survey;

    public async Task<SurveyRoundResult> ExecuteAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (drawn, notDrawn) = await DrawAsync(now, ct);
        var quiet = Survey.IsQuiet(now);
        var asked = quiet ? 0 : await SendAsync(now, reminders: false, ct);
        var reminded = quiet ? 0 : await SendAsync(now, reminders: true, ct);
        var closed = await db.Set<ServiceVisit>()
            .Where(v => v.Survey == SurveyState.Asked && v.AskedAt <= now - Survey.ReplyWindow)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Survey, SurveyState.Unanswered)
                .SetProperty(v => v.Phone, (string?)null).SetProperty(v => v.PhoneKeptUntil, (DateTime?)null), ct);
        if (asked + reminded > 0) sender.Wake();
        var result = new SurveyRoundResult(drawn, notDrawn, asked, reminded, closed);
        if (result != SurveyRoundResult.Nothing) logger.LogInformation("Survey round: {Result}", result);
        return result;
    }

    private async Task<(int Drawn, int NotDrawn)> DrawAsync(DateTime now, CancellationToken ct)
    {
        var (drawn, notDrawn) = (0, 0);
        var due = now - Survey.Delay;
        var month = MongolianTime.ToUtc(new DateTime(MongolianTime.MonthOf(now), TimeOnly.MinValue));
        // How many of each provider and service line were drawn this month: read once, then kept as the round draws.
        var asked = (await db.Set<ServiceVisit>()
                .Where(v => v.VisitedAt >= month && v.Survey != SurveyState.Waiting && v.Survey != SurveyState.NotAsked)
                .GroupBy(v => new { v.ProviderId, v.ServiceLineCode }).Select(g => new { g.Key.ProviderId, g.Key.ServiceLineCode, Count = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(g => (g.ProviderId, g.ServiceLineCode ?? ""), g => g.Count);
        while (true)
        {
            var waiting = await db.Set<ServiceVisit>().AsNoTracking()
                .Where(v => v.Survey == SurveyState.Waiting && v.VisitedAt <= due).OrderBy(v => v.Id).Take(Batch)
                .Select(v => new { v.Id, v.ProviderId, v.ServiceLineCode, v.PhoneHash }).ToListAsync(ct);
            if (waiting.Count == 0) return (drawn, notDrawn);

            var hashes = waiting.Select(v => v.PhoneHash).OfType<string>().Distinct().ToList();
            var since = now.AddDays(-Survey.PhoneCooldownDays);
            var taken = (await db.SmsOptOuts.Where(o => hashes.Contains(o.PhoneHash)).Select(o => o.PhoneHash).ToListAsync(ct))
                .Concat(await db.Set<ServiceVisit>().Where(v => v.PhoneHash != null && hashes.Contains(v.PhoneHash)
                        && (v.Survey == SurveyState.Drawn || v.AskedAt > since))
                    .Select(v => v.PhoneHash!).ToListAsync(ct))
                .ToHashSet();
            var (yes, no) = (new List<long>(), new List<long>());
            foreach (var visit in waiting)
            {
                var stratum = (visit.ProviderId, visit.ServiceLineCode ?? "");
                var count = asked.GetValueOrDefault(stratum);
                var draw = visit.PhoneHash is { } hash && !taken.Contains(hash)
                    && (count < Survey.MinPerMonth || Random.Shared.NextDouble() < Survey.Rate);
                if (draw)
                {
                    taken.Add(visit.PhoneHash!);
                    asked[stratum] = count + 1;
                    yes.Add(visit.Id);
                }
                else
                {
                    no.Add(visit.Id);
                }
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Set<ServiceVisit>().Where(v => yes.Contains(v.Id) && v.Survey == SurveyState.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Survey, SurveyState.Drawn), ct);
            await db.Set<ServiceVisit>().Where(v => no.Contains(v.Id) && v.Survey == SurveyState.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Survey, SurveyState.NotAsked)
                    .SetProperty(v => v.Phone, (string?)null).SetProperty(v => v.PhoneKeptUntil, (DateTime?)null), ct);
            await transaction.CommitAsync(ct);
            (drawn, notDrawn) = (drawn + yes.Count, notDrawn + no.Count);
        }
    }

    /// <summary>
    /// Queues the question (or the one reminder) of each visit due, and marks it, in one transaction:
    /// the outbox's unique source key means a message is queued once however the round is stopped.
    /// A phone that sent STOP since it was drawn is not asked.
    /// </summary>
    private async Task<int> SendAsync(DateTime now, bool reminders, CancellationToken ct)
    {
        var total = 0;
        var (remindBefore, open) = (now - Survey.ReminderAfter, now - Survey.ReplyWindow);
        while (true)
        {
            var query = db.Set<ServiceVisit>().Where(v => v.Phone != null);
            query = reminders
                ? query.Where(v => v.Survey == SurveyState.Asked && v.RemindedAt == null && v.AskedAt <= remindBefore && v.AskedAt > open)
                : query.Where(v => v.Survey == SurveyState.Drawn);
            var due = await query.OrderBy(v => v.Id).Take(Batch / 5).ToListAsync(ct);
            if (due.Count == 0) return total;

            var hashes = due.Select(v => v.PhoneHash!).Distinct().ToList();
            var stopped = (await db.SmsOptOuts.Where(o => hashes.Contains(o.PhoneHash)).Select(o => o.PhoneHash).ToListAsync(ct)).ToHashSet();
            var ids = due.Select(v => v.ProviderId).Distinct().ToList();
            var names = await db.Providers.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.NameMn, p.NameEn), ct);
            foreach (var visit in due)
            {
                if (stopped.Contains(visit.PhoneHash!))
                {
                    (visit.Survey, visit.Phone, visit.PhoneKeptUntil) = (reminders ? SurveyState.Unanswered : SurveyState.NotAsked, null, null);
                    continue;
                }

                var english = visit.Language == "en";
                var (nameMn, nameEn) = names[visit.ProviderId];
                db.Outbox.Add(new OutboxMessage
                {
                    Kind = reminders ? "survey-reminder" : QuestionKind, Channel = OutboxChannel.Sms, To = visit.Phone!, Subject = "", CreatedAt = now,
                    Body = SmsReplies.SurveyQuestion(english, reminders, english ? nameEn : nameMn, MongolianTime.DateOf(visit.VisitedAt)),
                    SourceKey = $"{(reminders ? "survey-reminder" : "survey")}:{visit.Id}",
                });
                if (reminders) visit.RemindedAt = now;
                else (visit.Survey, visit.AskedAt) = (SurveyState.Asked, now);
                total++;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>What a round did: visits drawn and not drawn, questions and reminders queued, surveys closed unanswered.</summary>
public sealed record SurveyRoundResult(int Drawn, int NotDrawn, int Asked, int Reminded, int Closed)
{
    public static readonly SurveyRoundResult Nothing = new(0, 0, 0, 0, 0);
}
