using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>
/// No page is wider than a 360 px phone, signed in or not, in either language: a page that passes
/// axe and weighs little can still push its header or a table off the screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WidthTests(BrowserApp app)
{
    private const int PhoneWidth = 360;

    /// <summary>Every text key of the app (<c>feedback.title</c>, ...): none may reach a page as it is.</summary>
    private static readonly string[] TextKeys = [.. Masam.Web.Localization.TextCatalogue.Default.Keys.Where(k => k.Contains('.'))];

    [BrowserFact]
    public async Task EveryPage_FitsA360PixelPhone_ShowsNoTextKey_AndPassesAxe_SignedInOrNot_InBothLanguages()
    {
        var provider = await ProviderWithFeedbackAsync();
        var story = await StoryAsync();
        string[] publicPages = ["/", "/feedback", "/feedback?aimag=181&soum=MN18101", "/track", $"/track/{story.TrackingCode}", "/reports", "/reports/verify",
            "/aimag/181", $"/provider/{provider}", "/account/sign-in", "/account/denied", $"/feedback/sent/{story.TrackingCode}", "/error/404", "/provider/999999", "/notices/stop/not-a-token"];
        string[] staffPages = ["/staff", "/staff/inbox", $"/staff/feedback/{story.Feedback}", $"/staff/actions/{story.Action}", "/staff/scorecards",
            "/staff/scorecards/new", $"/staff/scorecards/{story.Cycle}", $"/staff/scorecards/{story.Cycle}/groups/{story.Group}", "/staff/publications", "/staff/targeting"];
        string[] adminPages = ["/admin/providers", "/admin/providers/new", $"/admin/providers/{provider}", "/admin/users", "/admin/open311", "/admin/operations",
            "/staff/intake", $"/staff/intake?q=Uliastai&code={story.TrackingCode}"];
        await app.CreateStaffAsync("width.official@masam.test", "LocalOfficial", ["181"]);
        await app.CreateStaffAsync("width.admin@masam.test", "Admin");

        var wide = new List<string>();
        foreach (var language in new[] { "mn", "en" })
        {
            var visitor = await PhoneAsync(language);
            wide.AddRange(await WiderThanThePhoneAsync(visitor, publicPages, language));

            var official = await PhoneAsync(language);
            await BrowserApp.SignInAsync(official, "width.official@masam.test");
            wide.AddRange(await WiderThanThePhoneAsync(official, [.. publicPages.Take(2), .. staffPages], language));

            var admin = await PhoneAsync(language);
            await BrowserApp.SignInAsync(admin, "width.admin@masam.test");
            wide.AddRange(await WiderThanThePhoneAsync(admin, adminPages, language));
        }

        Assert.True(wide.Count == 0, string.Join("\n", wide));
    }

    private async Task<IPage> PhoneAsync(string language)
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = PhoneWidth, Height = 740 }, IsMobile = true, HasTouch = true, BypassCSP = true, BaseURL = app.BaseAddress.ToString(),
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/language/{language}?returnUrl=%2F");
        return page;
    }

    /// <summary>Each page wider than the screen, with the elements that stick out furthest, and each chart whose text is under 12 px.</summary>
    private static async Task<List<string>> WiderThanThePhoneAsync(IPage page, IEnumerable<string> paths, string language)
    {
        var wide = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            // A chart's text as the phone shows it: its size in the drawing, scaled by how wide the drawing is shown.
            var smallest = await page.EvaluateAsync<double>(
                """
                () => Math.min(1000, ...[...document.querySelectorAll('svg.chart text')].map(t => {
                  const svg = t.ownerSVGElement;
                  return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                }))
                """);
            if (smallest < 12)
            {
                wide.Add($"{path} ({language}): chart text {smallest:0.0} px");
            }

            // No text key shown as it is (a string missing from texts.json), and nothing axe-core calls serious.
            var text = await page.InnerTextAsync("body");
            wide.AddRange(TextKeys.Where(key => text.Contains(key, StringComparison.Ordinal)).Select(key => $"{path} ({language}): raw text key {key}"));
            wide.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"{path} ({language}): {v}"));

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width <= PhoneWidth)
            {
                continue;
            }

            var culprits = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('body *')]
                  .filter(e => (e.getBoundingClientRect().right > 361 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')
                    && !e.closest(".table-wrap"))
                  .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
                  .slice(0, 3)
                  .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''} to ${Math.round(e.getBoundingClientRect().right)} px`)
                """);
            wide.Add($"{path} ({language}): {width} px wide; {string.Join(", ", culprits)}");
            await page.ScreenshotAsync(new() { Path = BrowserApp.Shot($"wide-{language}-{path.Trim('/').Replace('/', '-').Replace('?', '-')}.png"), FullPage = true });
        }

        return wide;
    }

    /// <summary>The demo story's Uliastai items (see DemoStory): the staff pages of one of each kind.</summary>
    private async Task<(string TrackingCode, long Feedback, int Action, int Cycle, int Group)> StoryAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        var code = Masam.Web.Features.Demo.DemoStory.Codes[0].Code;
        var feedback = await db.Feedback.Where(f => f.TrackingCode == code).Select(f => f.Id).SingleAsync();
        var action = await db.ResponseActions.Where(a => a.Feedback.Any(f => f.Id == feedback)).Select(a => a.Id).FirstAsync();
        var cycle = await db.ScorecardCycles.Where(c => c.Provider!.Code == Masam.Web.Features.Demo.DemoStory.UliastaiOss)
            .Select(c => new { c.Id, Group = c.FocusGroups.Select(g => g.Id).First() }).SingleAsync();
        return (Masam.Web.Features.Feedback.TrackingCodes.Format(code), feedback, action, cycle.Id, cycle.Group);
    }

    private async Task<int> ProviderWithFeedbackAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        return await db.Feedback.GroupBy(f => f.ProviderId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
    }
}
