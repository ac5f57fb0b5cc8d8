using Masam.Web.Tests.TestSupport;
using System.Text.RegularExpressions;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Maps;
using Masam.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Pages;

public sealed partial class HomePageTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void TheAimagMap_HasEveryAimagAndTheCapital_AsSmallPaths()
    {
        var map = _factory.Services.GetRequiredService<AimagMap>();

        Assert.Equal(22, map.Paths.Count);
        Assert.Contains("181", map.Paths.Keys);
        Assert.Contains("511", map.Paths.Keys);
        Assert.All(map.Paths.Values, p => Assert.StartsWith("M", p));
        var bytes = map.Paths.Values.Sum(p => p.Length);
        Assert.True(bytes < 40_000, $"{bytes} characters of path data");
        Assert.True(map.Height is > 300 and < 700, $"height {map.Height}");
    }

    [Fact]
    public async Task TheHomePage_ColoursEachAimagBySatisfaction_AndGivesTheSameFiguresAsATable()
    {
        var zavkhan = await _factory.AddProviderAsync("MN18101");
        var khuvsgul = await _factory.AddProviderAsync("MN26701");
        var goviAltai = await _factory.AddProviderAsync("MN18201");
        var march = MongolianTime.ToUtc(new DateTime(2026, 3, 10, 12, 0, 0));
        await _factory.WithDbAsync(async db =>
        {
            foreach (var (provider, scores) in new[] { (zavkhan, Enumerable.Repeat(5, 12).Concat(Enumerable.Repeat(2, 3))), (khuvsgul, Enumerable.Repeat(4, 8).Concat(Enumerable.Repeat(3, 3))), (goviAltai, [4, 4]) })
            {
                db.Feedback.AddRange(scores.Select(score => new FeedbackItem
                {
                    TrackingCode = TrackingCodes.New(), ProviderId = provider, AimagCode = db.AimagOf(provider), Score = score, Channel = FeedbackChannel.Web, Status = FeedbackStatus.Received,
                    ReceivedAt = march, ReceivedMonth = MongolianTime.MonthOf(march), UpdatedAt = march, DueAt = AnswerDeadline.DueFor(march),
                }));
            }

            await db.SaveChangesAsync();
        });
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FeedbackAggregation>().FullAsync(default);
        }

        var page = await _factory.CreateClient().GetStringAsync("/");

        Assert.Equal(22, PathTag().Matches(page).Count);
        Assert.Contains("<a href=\"/aimag/181\" aria-label=\"Завхан: 80 %\"><title>Завхан: 80 %</title><path d=\"", page);
        // Zavkhan 12 of 15 satisfied (80 %): the darkest class. Govi-Altai has 2 responses and Khövsgöl, the smallest shown,
        // goes with it (else the national total would give Govi-Altai away): both grey, and said in words. (Khövsgöl's 3s
        // can trade with Govi-Altai's 4s: a set of figures with one of each moved looks the same from outside.)
        Assert.Matches("<title>Завхан: 80 %</title><path d=\"[^\"]+\" class=\"c4\"", page);
        Assert.Matches("<title>Говь-Алтай: хариулт цөөн тул нууцалсан</title><path d=\"[^\"]+\" class=\"none\"", page);
        Assert.Matches("<title>Хөвсгөл: бусад тоо баримтаас цөөн хариултыг тооцож олохоос сэргийлж нууцалсан</title><path d=\"[^\"]+\" class=\"none\"", page);
        Assert.Contains("<th scope=\"row\"><a href=\"/aimag/181\">Завхан</a></th>", page);
        // The table beside the map in Mongolian alphabetical order: Ө after О, and Хөвсгөл between Ховд and Хэнтий (by code points Ө comes after Э).
        int Row(string name) => page.IndexOf($">{name}</a></th>", StringComparison.Ordinal);
        Assert.True(Row("Орхон") < Row("Өвөрхангай") && Row("Өвөрхангай") < Row("Сэлэнгэ"));
        Assert.True(Row("Ховд") < Row("Хөвсгөл") && Row("Хөвсгөл") < Row("Хэнтий"));
        Assert.Contains("80.0 %", page);
        Assert.Contains("Сэтгэл ханамж аймгаар, 2026 оны 1-р улирал", page);
        // The nation: 22 of 28 satisfied, and weighted to the aimags' populations (Zavkhan's 80 % for its people, the two hidden aimags' 10 of 13 for theirs).
        Assert.Contains("Улсын хэмжээнд сэтгэл ханамж 78.6 % (28 хариулт).", page);
        var people = await _factory.WithDbAsync(db => db.AdminUnits.Where(u => u.Parent != null && u.Population != null && u.ValidTo == null && (u.Parent.Code == "181" || u.Parent.Code == "267" || u.Parent.Code == "182"))
            .GroupBy(u => u.Parent!.Code == "181").Select(g => new { Zavkhan = g.Key, People = g.Sum(u => u.Population ?? 0) }).ToDictionaryAsync(g => g.Zavkhan, g => (double)g.People));
        var national = (people[true] * 0.8 + people[false] * 10 / 13) / (people[true] + people[false]);
        Assert.Contains($"Хүн амд жигнэвэл {national * 100:0.0} %", page);
        Assert.DoesNotContain("<script", page);

        var aimag = await _factory.CreateClient().GetStringAsync("/aimag/181");
        Assert.Contains("<h1>Завхан</h1>", aimag);
        Assert.Contains("<dt>Хүн амд жигнэсэн</dt><dd>80.0 %", aimag);
        Assert.Contains("<svg class=\"chart\"", aimag);
        Assert.Contains("<title>2026-Q1: 80 %</title>", aimag);
        Assert.Contains("Улиастай", aimag);
        Assert.Contains("Туршилтын төв", aimag);
        Assert.DoesNotContain("<script", aimag);
        Assert.Contains($"<a href=\"/provider/{zavkhan}\">Туршилтын төв</a>", aimag);

        var provider = await _factory.CreateClient().GetStringAsync($"/provider/{zavkhan}");
        Assert.Contains("Туршилтын төв", provider);
        Assert.Contains("<title>2026-Q1: 80 %</title>", provider);
        Assert.Contains($"/feedback?aimag=181&amp;soum=MN18101&amp;provider={zavkhan}", provider);
        Assert.DoesNotContain("<script", provider);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/provider/999999")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/aimag/MN18101")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/aimag/999")).StatusCode);
    }

    [GeneratedRegex("<path d=")]
    private static partial Regex PathTag();

    [Fact]
    public async Task TheProviderPage_FormatsAmountsAndDates_ForTheReadersLanguage()
    {
        var provider = await _factory.AddProviderAsync("MN18101", "oss-centre", "Туршилтын төв");
        await _factory.WithDbAsync(async db =>
        {
            var unit = await db.AdminUnits.SingleAsync(u => u.Code == "MN18101");
            db.ResponseActions.Add(new Masam.Web.Features.Actions.ResponseAction
            {
                Title = "Хоёр дахь цонх нээх", ResponsibleProviderId = provider, AdminUnitId = unit.Id,
                DueOn = new DateOnly(2026, 12, 29), CostMnt = 1_500_000.4m, FundingSource = "Орон нутгийн хөгжлийн сан",
                ProgressPercent = 40, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var mongolian = await _factory.CreateClient().GetStringAsync($"/provider/{provider}");
        var english = await _factory.CreateClient().GetStringAsync($"/provider/{provider}?culture=en&ui-culture=en");

        Assert.Contains("1,500,000 ₮", mongolian);
        Assert.Contains("2026.12.29", mongolian);
        Assert.Contains("MNT 1,500,000", english);
        Assert.Contains("29 Dec 2026", english); // day, month, year: "12/29/2026" is the United States' order
        Assert.DoesNotContain("₮", english);
    }
}
