using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Demo;
using Masam.Web.Features.Publications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>The README's <c>dotnet run</c> (Development, demo on), fresh: the app whose demo the next test walks through.</summary>
public sealed class DemoBrowserApp() : BrowserApp("Development");

/// <summary>Run alone, after the other browser tests: the demo app drafts and signs its reports as it starts, which would slow them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DemoCollection : ICollectionFixture<DemoBrowserApp>
{
    public const string Name = "demo";
}

/// <summary>
/// A fresh start shows each demo account its part of the story, as the README says: Zavkhan's
/// official the Uliastai actions, Khövsgöl's facilitator the scorecard cycles, the analyst the
/// published reports with a correction; Bayanzürkh's official none of Zavkhan's.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DemoTests(DemoBrowserApp app)
{
    [BrowserFact]
    public async Task AFreshStart_ShowsEachDemoAccountItsPartOfTheStory()
    {
        var (feedback, action, cycle) = await StoryAsync();

        var official = await app.PageAsync(phone: false);
        await BrowserApp.SignInAsync(official, "zavkhan@demo.masam.mn", StaffBootstrap.DemoPassword);
        await official.GotoAsync($"/staff/feedback/{feedback}");
        await official.ClickAsync("a:has-text('Иргэний бүртгэлийн хоёр дахь цонх нээх')");
        await official.WaitForURLAsync($"**/staff/actions/{action}");
        var facts = await official.InnerTextAsync("dl.facts");
        Assert.Contains("60 %", facts);
        Assert.Contains("Орон нутгийн хөгжлийн сан", facts);
        Assert.Equal(2, await official.Locator("ul.updates li").CountAsync());
        await official.ScreenshotAsync(new() { Path = BrowserApp.Shot("demo-1-official-action-mn.png"), FullPage = true });

        var elsewhere = await app.PageAsync(phone: false);
        await BrowserApp.SignInAsync(elsewhere, "bayanzurkh@demo.masam.mn", StaffBootstrap.DemoPassword);
        Assert.Equal(404, (await elsewhere.GotoAsync($"/staff/actions/{action}"))!.Status);

        var facilitator = await app.PageAsync(phone: true);
        await BrowserApp.SignInAsync(facilitator, "cso.khuvsgul@demo.masam.mn", StaffBootstrap.DemoPassword);
        await facilitator.GotoAsync("/staff/scorecards");
        Assert.Equal(2, await facilitator.Locator("a[href^='/staff/scorecards/']:not([href$='/new'])").CountAsync());
        await facilitator.GotoAsync($"/staff/scorecards/{cycle}");
        var results = await facilitator.InnerTextAsync("main");
        Assert.Contains("Эмийн жагсаалтын эмийг сар бүр нөхөн захиалах", results); // the action plan
        await facilitator.ScreenshotAsync(new() { Path = BrowserApp.Shot("demo-2-facilitator-cycle-mn.png"), FullPage = true });

        // The reports are made by a job after the start: the catalogue shows them once it has run.
        var analyst = await app.PageAsync(phone: false, language: "en");
        await BrowserApp.SignInAsync(analyst, "analyst@demo.masam.mn", StaffBootstrap.DemoPassword);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await PublishedAsync() < 3 && DateTime.UtcNow < deadline) await Task.Delay(500);
        await analyst.GotoAsync("/reports");
        var catalogue = await analyst.InnerTextAsync("main");
        Assert.Contains("Zavkhan", catalogue);
        Assert.Contains("Mongolia", catalogue);
        Assert.Contains("Superseded", catalogue);
        await analyst.ScreenshotAsync(new() { Path = BrowserApp.Shot("demo-3-analyst-reports-en.png"), FullPage = true });
    }

    private async Task<(long Feedback, int Action, int Cycle)> StoryAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        var code = DemoStory.Codes[0].Code;
        var feedback = await db.Feedback.Where(f => f.TrackingCode == code).Select(f => f.Id).SingleAsync();
        var action = await db.ResponseActions.Where(a => a.Feedback.Any(f => f.Id == feedback)).Select(a => a.Id).SingleAsync();
        var cycle = await db.ScorecardCycles.Where(c => c.Provider!.Code == "DEMO-MN26701-FHC1").Select(c => c.Id).SingleAsync();
        return (feedback, action, cycle);
    }

    private async Task<int> PublishedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MasamDbContext>().Publications
            .CountAsync(p => p.Status == PublicationStatus.Published || p.Status == PublicationStatus.Superseded);
    }
}
