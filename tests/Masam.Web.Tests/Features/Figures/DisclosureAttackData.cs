using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;

namespace Masam.Web.Tests.Features.Figures;

public sealed partial class DisclosureAttackTests
{
    private static readonly (string Aimag, string[] Soums)[] Places =
        [("181", ["MN18101", "MN18104", "MN18107"]), ("267", ["MN26701", "MN26704"]), ("422", ["MN42201", "MN42204", "MN42207"])];

    private static readonly (string Type, string Sector, string[] Lines)[] Types =
    [
        ("oss-centre", "public-services", ["social-insurance", "civil-registration", "tax"]),
        ("soum-health-centre", "health", ["primary-care", "immunization", "emergency-care"]),
        ("general-school", "education", ["general-education", "school-meals"]),
    ];

    /// <summary>
    /// A year of feedback with small cells at every level: providers of every size (some with a
    /// response or two a quarter), a soum of two small providers, an aimag-level hospital, an aimag
    /// (Sükhbaatar) that is small in the third quarter, and rare values (kiosk, other gender, people
    /// with disabilities) that are small even nationally. Returns the true counts of every cell.
    /// </summary>
    private static async Task<Truth> SeedAsync(MasamAppFactory factory)
    {
        var random = new Random(2025);
        var providers = new List<(int Id, string Leaf, string Aimag, string Sector, string[] Lines, int Size)>();
        foreach (var (aimag, soums) in Places)
        {
            foreach (var soum in soums)
            {
                foreach (var (type, sector, lines) in soum == "MN42207" ? Types.Where(t => t.Sector != "health") : Types)
                {
                    var id = await factory.AddProviderAsync(soum, type, $"{soum} {type}", lines);
                    providers.Add((id, "S:" + soum, aimag, sector, lines, soum == "MN42207" ? 1 : providers.Count % 3));
                }
            }
        }

        var hospital = await factory.AddProviderAsync("181", "general-hospital", "Завхан аймгийн Нэгдсэн эмнэлэг", "inpatient-care", "emergency-care");
        providers.Add((hospital, "B:181", "181", "health", ["inpatient-care", "emergency-care"], 2));

        var responses = new List<FeedbackItem>();
        var cells = new Dictionary<string, (long N, long Sum, long Satisfied)>();
        foreach (var quarter in Enumerable.Range(1, 4))
        {
            foreach (var provider in providers)
            {
                var size = provider.Aimag == "422" && quarter == 3 ? random.Next(0, 3)
                    : provider.Size switch { 0 => random.Next(15, 30), 1 => random.Next(0, 5), _ => random.Next(6, 15) };
                for (var i = 0; i < size; i++)
                {
                    var received = MongolianTime.ToUtc(new DateTime(Year, (quarter - 1) * 3 + 1 + random.Next(3), 1 + random.Next(28), 10, 0, 0));
                    var item = new FeedbackItem
                    {
                        TrackingCode = TrackingCodes.New(), ProviderId = provider.Id, AimagCode = provider.Aimag, Score = Pick(random, [(1, 10), (2, 10), (3, 15), (4, 30), (5, 35)]),
                        ServiceLineCode = random.Next(5) == 0 ? null : provider.Lines[random.Next(provider.Lines.Length)],
                        Gender = Pick<Gender?>(random, [(Gender.Female, 50), (Gender.Male, 36), (Gender.Other, 2), (null, 12)]),
                        AgeBand = Pick<AgeBand?>(random, [(AgeBand.From18To24, 15), (AgeBand.From25To34, 25), (AgeBand.From35To44, 25), (AgeBand.From45To54, 15),
                            (AgeBand.From65, 3), (null, 17)]),
                        HasDisability = Pick<bool?>(random, [(true, 4), (false, 70), (null, 26)]),
                        HerderHousehold = Pick<bool?>(random, [(true, 15), (false, 55), (null, 30)]),
                        Channel = Pick(random, [(FeedbackChannel.Web, 60), (FeedbackChannel.Phone, 20), (FeedbackChannel.Sms, 12), (FeedbackChannel.Paper, 7), (FeedbackChannel.Kiosk, 1)]),
                        Status = FeedbackStatus.Received, ReceivedAt = received, ReceivedMonth = MongolianTime.MonthOf(received), UpdatedAt = received,
                        DueAt = AnswerDeadline.DueFor(received),
                    };
                    responses.Add(item);
                    foreach (var key in Keys(item, quarter, provider.Id, provider.Leaf, provider.Aimag, provider.Sector))
                    {
                        var (n, sum, satisfied) = cells.GetValueOrDefault(key);
                        cells[key] = (n + 1, sum + item.Score, satisfied + (item.Score >= 4 ? 1 : 0));
                    }
                }
            }
        }

        await factory.WithDbAsync(async db =>
        {
            db.Feedback.AddRange(responses);
            await db.SaveChangesAsync();
        });
        return new Truth([.. providers.Select(p => p.Id)], [.. Types.Select(t => t.Sector)],
            [.. responses.Select(r => r.ServiceLineCode).OfType<string>().Distinct().Order()], cells);
    }

    /// <summary>Every published cell a response counts in, named as <see cref="Attack.FigureAttacker"/> names them.</summary>
    private static IEnumerable<string> Keys(FeedbackItem item, int quarter, int provider, string leaf, string aimag, string sector)
    {
        string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "not-given" };
        string[] slices =
        [
            "gender=" + (item.Gender is { } g ? WireEnum<Gender>.Name(g) : "not-given"),
            "age-band=" + (item.AgeBand is { } a ? WireEnum<AgeBand>.Name(a) : "not-given"),
            "disability=" + YesNo(item.HasDisability), "herder-household=" + YesNo(item.HerderHousehold),
            "channel=" + WireEnum<FeedbackChannel>.Name(item.Channel), "service-line=" + (item.ServiceLineCode ?? "not-given"),
        ];
        foreach (var period in new[] { $"{Year}", $"{Year}-Q{quarter}" })
        {
            foreach (var area in new[] { $"P:{provider}", leaf, $"{leaf}/{sector}", "A:" + aimag, $"A:{aimag}/{sector}", "N", $"N/{sector}" })
            {
                yield return $"{period}|{area}|all";
            }

            foreach (var slice in slices)
            {
                yield return $"{period}|A:{aimag}|{slice}";
                yield return $"{period}|N|{slice}";
            }
        }
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0) return value;
        }

        return choices[^1].Value;
    }
}
