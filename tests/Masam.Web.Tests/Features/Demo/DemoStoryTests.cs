using System.Net;
using System.Net.Http.Json;
using Masam.Tests.Shared;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Demo;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Publications;
using Masam.Web.Features.Scorecards;
using Masam.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Demo;

/// <summary>
/// What the README's <c>dotnet run</c> shows on a fresh start: the whole story (answered, extended,
/// duplicate and new feedback, actions at every stage, scorecard cycles completed and under way,
/// published reports with a correction), each part to the demo accounts that look after it.
/// </summary>
public sealed class DemoStoryTests : IDisposable
{
    private static readonly string KeyFolder = Path.Combine(Path.GetTempPath(), "masam-tests", Guid.NewGuid().ToString("N"));

    private readonly MasamAppFactory _factory = new(("Masam:SeedDemoData", "true"), ("Masam:Publications:SigningKeyPath", Path.Combine(KeyFolder, "demo-signing-key.pem")))
    {
        Environment = "Development",
    };

    public void Dispose()
    {
        _factory.Dispose();
        if (Directory.Exists(KeyFolder)) Directory.Delete(KeyFolder, recursive: true);
    }

    [Fact]
    public async Task AFreshStart_TellsTheWholeStory_EachPartToTheAccountsThatLookAfterIt()
    {
        var visitor = _factory.CreateClient();

        // The README's tracking codes, each showing what the README says.
        var readme = await File.ReadAllTextAsync(TestPlaces.InRepository("README.md"));
        var shown = new Dictionary<string, string>();
        foreach (var (code, _) in DemoStory.Codes)
        {
            var formatted = TrackingCodes.Format(code);
            Assert.Contains($"`{formatted}`", readme);
            shown[code] = await visitor.GetStringAsync($"/track/{formatted}");
        }

        Assert.Contains("Хаагдсан", shown[DemoStory.Codes[0].Code]);
        Assert.Contains("Иргэний бүртгэлийн хоёр дахь цонх нээх", shown[DemoStory.Codes[0].Code]);
        Assert.Contains("Хугацааг сунгасан", shown[DemoStory.Codes[1].Code]);
        Assert.Contains("Татгалзсан", shown[DemoStory.Codes[2].Code]);
        Assert.Contains("Зардал: 12", shown[DemoStory.Codes[3].Code]);
        var finished = shown[DemoStory.Codes[3].Code];
        Assert.True(finished.Contains("Санхүүжилтийн эх үүсвэр: Орон нутгийн хөгжлийн сан"), finished[finished.IndexOf("Зардал")..][..200]);
        Assert.Contains("Хүлээн авсан", shown[DemoStory.Codes[4].Code]);

        // Actions at every stage, with cost, funding and dated updates; one past its date.
        var actions = await _factory.WithDbAsync(db => db.ResponseActions.Where(a => a.IsDemo)
            .Select(a => new { a.Id, a.Title, a.Status, a.DueOn, a.CostMnt, Updates = a.Updates.Count, Unit = a.AdminUnit!.Code }).ToListAsync());
        Assert.Equal(Enum.GetValues<ActionStatus>().Order(), actions.Select(a => a.Status).Distinct().Order());
        Assert.Contains(actions, a => a.Status == ActionStatus.InProgress && a.DueOn < DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains(actions, a => a.Status == ActionStatus.Done && a.CostMnt > 0 && a.Updates >= 3);

        // Scorecards: completed cycles with groups, self-scores and an action plan; one under way.
        var cycles = await _factory.WithDbAsync(db => db.ScorecardCycles
            .Select(c => new { c.Id, c.Stage, Groups = c.FocusGroups.Count, Self = c.SelfScores.Count, Plan = db.ResponseActions.Count(a => a.ScorecardCycleId == c.Id), Unit = c.Provider!.AdminUnit!.Code })
            .ToListAsync());
        Assert.Equal(2, cycles.Count(c => c.Stage == ScorecardStage.Completed && c.Groups == 4 && c.Self > 0 && c.Plan == 2));
        var underWay = Assert.Single(cycles, c => c.Stage == ScorecardStage.CommunityScoring);

        // Zavkhan's official sees Uliastai's actions, not Bayanzürkh's; Khövsgöl's facilitator sees Mörön's cycles.
        var zavkhan = await SignedInAsync("zavkhan@demo.masam.mn");
        Assert.Equal(HttpStatusCode.OK, (await zavkhan.GetAsync($"/staff/actions/{actions.First(a => a.Unit == "MN18101").Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zavkhan.GetAsync($"/staff/actions/{actions.First(a => a.Unit == "MN51110").Id}")).StatusCode);
        var facilitator = await SignedInAsync("cso.khuvsgul@demo.masam.mn");
        var list = await facilitator.GetStringAsync("/staff/scorecards");
        Assert.All(cycles.Where(c => c.Unit == "MN26701"), c => Assert.Contains($"/staff/scorecards/{c.Id}\"", list));
        Assert.DoesNotContain($"/staff/scorecards/{cycles.Single(c => c.Unit == "MN18101").Id}\"", list);
        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync($"/staff/scorecards/{underWay.Id}")).StatusCode);

        // Reports, a moment after the start: national and Zavkhan's published, Zavkhan's first edition superseded by its correction.
        Assert.True(await Eventually.WaitAsync(async () => await _factory.WithDbAsync(db => db.Publications.CountAsync(p =>
            p.Status == PublicationStatus.Published || p.Status == PublicationStatus.Superseded)) == 3), "the demo reports were not published");
        var reports = await _factory.WithDbAsync(db => db.Publications.OrderBy(p => p.Id)
            .Select(p => new { p.AdminUnitCode, p.Edition, p.Status, p.Signature }).ToListAsync());
        Assert.Equal(
            [(null, 1, PublicationStatus.Published), ("181", 1, PublicationStatus.Superseded), ("181", 2, PublicationStatus.Published)],
            reports.Select(r => (r.AdminUnitCode, r.Edition, r.Status)));
        Assert.All(reports, r => Assert.NotNull(r.Signature)); // Development makes the demo a signing key
        Assert.Contains("BEGIN PUBLIC KEY", await visitor.GetStringAsync("/reports/signing-key.pem"));
        var catalogue = await visitor.GetStringAsync("/reports");
        Assert.Contains("Завхан", catalogue);
        Assert.Contains("Монгол Улс", catalogue);

        // The README's visit example runs with the demo's key.
        Assert.Contains($"X-Api-Key: {Masam.Web.Features.Visits.VisitDemoKey.DemoKey}", readme);
        var system = _factory.CreateClient();
        system.DefaultRequestHeaders.Add("X-Api-Key", Masam.Web.Features.Visits.VisitDemoKey.DemoKey);
        var visitedAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var visits = await system.PostAsJsonAsync("/api/v1/visits", new { visits = new[] { new { visitId = "REG-1", provider = DemoStory.UliastaiOss, visitedAt, phone = "99112233" } } });
        Assert.Equal(1, (await visits.ReadJsonAsync()).GetProperty("received").GetInt32());
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await client.PostFormAsync("/account/sign-in", new() { ["Email"] = email, ["Password"] = StaffBootstrap.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
