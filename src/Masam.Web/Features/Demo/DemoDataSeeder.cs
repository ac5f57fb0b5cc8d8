using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Demo;

/// <summary>
/// Demo providers and a year of demo feedback, so that a fresh install has something to show.
/// Everything it creates is marked demo. Providers are matched on their codes; feedback is
/// generated once, when no demo feedback exists yet. The spread is fixed by a seed, so two
/// installs show the same shape of data.
/// </summary>
public sealed class DemoDataSeeder(
    MasamDbContext db, TimeProvider clock, IOptions<MasamOptions> options, IHostEnvironment environment, ILogger<DemoDataSeeder> logger) : IDataSeeder
{
    private const int Seed = 20261129;

    /// <summary>
    /// Aimag centres and a district where the demo accounts work, with enough feedback that their
    /// figures, trends and charts show; everywhere else stays thin, and small soums suppressed.
    /// </summary>
    private static readonly HashSet<string> BusyUnits = ["MN18101", "MN26701", "MN51110"];

    /// <summary>Only with <c>Masam:SeedDemoData</c> (on in Development); anywhere else it says so.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        if (!options.Value.SeedDemoData)
        {
            return;
        }

        if (!environment.IsDevelopment())
        {
            logger.LogWarning("Demo data is on in {Environment}: demo providers and feedback are loaded, but no demo account is created", environment.EnvironmentName);
        }

        var providers = await SeedProvidersAsync(ct);
        if (!await db.Feedback.AnyAsync(f => f.IsDemo, ct))
        {
            var count = await SeedFeedbackAsync(providers, ct);
            logger.LogInformation("Seeded {Count} demo feedback items on {Providers} demo providers", count, providers.Count);
        }

        await new DemoStory(db, clock.GetUtcNow().UtcDateTime).SeedAsync(ct);
    }

    private async Task<List<DemoProvider>> SeedProvidersAsync(CancellationToken ct)
    {
        var catalogue = await CatalogueSeeder.ReadAsync(SeedData.File("service-catalogue.json"), ct);
        var linesByType = catalogue.ProviderTypes.ToDictionary(t => t.Code, t => t.ServiceLines ?? []);
        var sectorByType = catalogue.ProviderTypes.ToDictionary(t => t.Code, t => t.Sector);
        var serviceLines = await db.ServiceLines.ToDictionaryAsync(l => l.Code, ct);
        var units = await db.AdminUnits.Include(u => u.Parent).Where(u => u.Level == AdminUnitLevel.Second).OrderBy(u => u.Code).ToListAsync(ct);
        var existing = await db.Providers.Include(p => p.ServiceLines).Where(p => p.IsDemo).ToDictionaryAsync(p => p.Code, ct);

        var result = new List<DemoProvider>();
        foreach (var unit in units)
        {
            foreach (var plan in DemoProviders.For(unit, unit.Parent!))
            {
                if (!existing.TryGetValue(plan.Code, out var provider))
                {
                    provider = new Provider { Code = plan.Code, NameMn = "", NameEn = "", TypeCode = plan.TypeCode, SearchKey = "", IsDemo = true };
                    db.Providers.Add(provider);
                }

                provider.NameMn = plan.NameMn;
                provider.NameEn = plan.NameEn;
                provider.TypeCode = plan.TypeCode;
                provider.AdminUnitId = unit.Id;
                provider.SearchKey = NameFolding.KeyFor([plan.NameMn, plan.NameEn, plan.Code]);
                provider.ServiceLines.Clear();
                provider.ServiceLines.AddRange(linesByType[plan.TypeCode].Select(code => serviceLines[code]));
                result.Add(new DemoProvider(provider, sectorByType[plan.TypeCode], unit));
            }
        }

        await db.SaveChangesAsync(ct);
        return result;
    }

    private async Task<int> SeedFeedbackAsync(List<DemoProvider> providers, CancellationToken ct)
    {
        var random = new Random(Seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var channels = Weighted((FeedbackChannel.Web, 45), (FeedbackChannel.Phone, 20), (FeedbackChannel.Sms, 15), (FeedbackChannel.Paper, 15), (FeedbackChannel.Kiosk, 5));
        var genders = Weighted<Gender?>((Gender.Female, 55), (Gender.Male, 39), (Gender.Other, 1), (null, 5));
        var ages = Weighted<AgeBand?>((AgeBand.Under18, 4), (AgeBand.From18To24, 12), (AgeBand.From25To34, 24), (AgeBand.From35To44, 22),
            (AgeBand.From45To54, 15), (AgeBand.From55To64, 11), (AgeBand.From65, 7), (null, 5));
        var count = 0;

        foreach (var demo in providers)
        {
            // Busy town providers hear from more people than a soum health centre; each provider
            // has its own level of service, and a trend over the year, so figures differ.
            var isCentre = demo.Unit.Kind == AdminUnitKind.District || demo.Unit.Code.EndsWith("01", StringComparison.Ordinal);
            // The other soums of a busy aimag hear from a few more people, so that the aimag's own total can be shown
            // beside its centre's without giving the small remainder away (else it is hidden to protect it).
            var inBusyAimag = BusyUnits.Any(busy => busy[2..5] == demo.Unit.Code[2..5]);
            var volume = BusyUnits.Contains(demo.Unit.Code) ? random.Next(160, 260)
                : isCentre ? random.Next(8, 30)
                : inBusyAimag ? random.Next(2, 6) : random.Next(0, 4);
            var quality = 2.6 + random.NextDouble() * 1.8;
            var trend = (random.NextDouble() - 0.4) * 0.8;
            var lines = demo.Provider.ServiceLines;

            for (var i = 0; i < volume; i++)
            {
                var age = random.NextDouble();
                var receivedAt = now.AddDays(-365 * age).AddMinutes(-random.Next(0, 600));
                var expected = quality + trend * (1 - age);
                var score = Math.Clamp((int)Math.Round(expected + Normal(random) * 0.9), 1, 5);
                var channel = channels(random);
                var item = new FeedbackItem
                {
                    TrackingCode = TrackingCodes.New(),
                    ProviderId = demo.Provider.Id,
                    AimagCode = AdminUnit.AimagOf(demo.Unit.Path),
                    ServiceLineCode = lines.Count > 0 && random.NextDouble() < 0.7 ? lines[random.Next(lines.Count)].Code : null,
                    Score = score,
                    Comment = random.NextDouble() < 0.6 ? Comment(random, demo.Sector, score) : null,
                    Channel = channel,
                    Gender = genders(random),
                    AgeBand = ages(random),
                    HasDisability = random.NextDouble() < 0.9 ? random.NextDouble() < 0.06 : null,
                    HerderHousehold = random.NextDouble() < 0.9 ? random.NextDouble() < (isCentre ? 0.08 : 0.4) : null,
                    ReceivedAt = receivedAt,
                    ReceivedMonth = Infrastructure.MongolianTime.MonthOf(receivedAt),
                    DueAt = AnswerDeadline.DueFor(receivedAt),
                    IsDemo = true,
                };
                Progress(item, random, now);
                if (random.NextDouble() < 0.15)
                {
                    item.Contact = new FeedbackContact
                    {
                        Name = DemoTexts.ContactNames[random.Next(DemoTexts.ContactNames.Length)],
                        Phone = $"{random.Next(8, 10)}{random.Next(0, 10_000_000):D7}",
                    };
                }

                db.Feedback.Add(item);
                count++;
            }
        }

        await db.SaveChangesAsync(ct);
        return count;
    }

    /// <summary>Older feedback has mostly been answered; some of the answers came with an internal note.</summary>
    private static void Progress(FeedbackItem item, Random random, DateTime now)
    {
        var ageDays = (now - item.ReceivedAt).TotalDays;
        var roll = random.NextDouble();
        item.Status = ageDays switch
        {
            < 3 => FeedbackStatus.Received,
            < 20 => roll < 0.4 ? FeedbackStatus.Acknowledged : roll < 0.7 ? FeedbackStatus.InProgress : roll < 0.9 ? FeedbackStatus.Answered : FeedbackStatus.Received,
            _ => roll < 0.55 ? FeedbackStatus.Closed : roll < 0.8 ? FeedbackStatus.Answered : roll < 0.85 ? FeedbackStatus.Rejected : roll < 0.93 ? FeedbackStatus.InProgress : FeedbackStatus.Received,
        };
        item.UpdatedAt = item.ReceivedAt;
        if (item.Status == FeedbackStatus.Rejected)
        {
            item.RejectionReason = random.NextDouble() < 0.5 ? RejectionReason.OutsideRemit : RejectionReason.Spam;
            item.RecordClose(item.ReceivedAt.AddDays(random.Next(1, 10)));
        }

        if (AnswerDeadline.IsOpen(item.Status) && ageDays > 25 && random.NextDouble() < 0.3)
        {
            item.ExtensionReason = "Асуудлыг шийдвэрлэхэд аймгийн Засаг даргын Тамгын газрын шийдвэр шаардлагатай тул хугацааг сунгав.";
            item.ExtendedAt = item.ReceivedAt.AddDays(25);
            item.DueAt = AnswerDeadline.Extend(item.DueAt, AnswerDeadline.MaxExtensionDays);
        }

        if (item.Status is FeedbackStatus.Answered or FeedbackStatus.Closed)
        {
            var answeredAt = item.ReceivedAt.AddDays(random.Next(1, Math.Max(2, Math.Min(45, (int)ageDays))));
            item.RecordAnswer(answeredAt);
            if (item.Status == FeedbackStatus.Closed)
            {
                item.RecordClose(answeredAt.AddDays(random.Next(1, 10)));
            }

            if (random.NextDouble() < 0.4)
            {
                item.AnswerRating = Math.Clamp(item.Score + random.Next(-1, 3), 1, 5);
                item.RatedAt = answeredAt.AddDays(random.Next(0, 5));
            }

            if (random.NextDouble() < 0.4)
            {
                item.Responses.Add(new FeedbackResponse { Body = DemoTexts.InternalNotes[random.Next(DemoTexts.InternalNotes.Length)], IsPublic = false, CreatedAt = answeredAt.AddHours(-random.Next(1, 48)) });
            }

            item.Responses.Add(new FeedbackResponse { Body = DemoTexts.PublicAnswers[random.Next(DemoTexts.PublicAnswers.Length)], IsPublic = true, CreatedAt = answeredAt });
            item.UpdatedAt = answeredAt;
        }
    }

    private static string Comment(Random random, string sector, int score)
    {
        var pool = score >= 4 ? DemoTexts.PraiseBySector.GetValueOrDefault(sector)
            : score <= 2 ? DemoTexts.ComplaintBySector.GetValueOrDefault(sector)
            : null;
        pool ??= score >= 4 ? DemoTexts.PraiseBySector["public-services"]
            : score <= 2 ? DemoTexts.ComplaintBySector["public-services"]
            : DemoTexts.Neutral;
        return pool[random.Next(pool.Length)];
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static Func<Random, T> Weighted<T>(params (T Value, int Weight)[] choices)
    {
        var total = choices.Sum(c => c.Weight);
        return random =>
        {
            var pick = random.Next(total);
            foreach (var (value, weight) in choices)
            {
                if ((pick -= weight) < 0) return value;
            }

            return choices[^1].Value;
        };
    }

    private sealed record DemoProvider(Provider Provider, string Sector, AdminUnit Unit);
}
