using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>A citizen on a phone gives feedback and tracks it; the public pages pass axe-core and stay light.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizenTests(BrowserApp app)
{
    [BrowserFact]
    public async Task ACitizen_OnAPhone_GivesFeedback_AndTracksIt()
    {
        var page = await app.PageAsync(phone: true);

        await page.GotoAsync("/feedback");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("citizen-1-form-mn.png"), FullPage = true });
        await ChooseAsync(page, "#aimag", "181", "aimag=181");
        await ChooseAsync(page, "#soum", "MN18101", "soum=MN18101");
        var provider = await page.Locator("#provider option").Nth(1).GetAttributeAsync("value");
        Assert.Contains("Алхам 2 / 3", await page.InnerTextAsync("form[method=get]"));
        await ChooseAsync(page, "#provider", provider!, $"provider={provider}");
        // Each choice reloads the page at the next question, which the phone's screen shows at once.
        Assert.EndsWith("#step-3", page.Url);
        Assert.Contains("Алхам 3 / 3", await page.InnerTextAsync("#step-3"));
        Assert.True(await page.EvaluateAsync<bool>("() => { const r = document.getElementById('step-3').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight / 2; }"),
            "the page did not land on the feedback step");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("citizen-2-provider-mn.png") });
        await page.CheckAsync("input[name='Form.Score'][value='2']");
        await page.FillAsync("#f-comment", "Дараалал хэтэрхий урт байна, ширээ цөөн.");
        await page.ClickAsync("form[method=post] button[type=submit]");

        await page.WaitForURLAsync("**/feedback/sent/**");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("citizen-3-sent-mn.png"), FullPage = true });
        var code = (await page.Locator(".tracking-code").First.InnerTextAsync()).Trim();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", code);

        await page.GotoAsync($"/track/{code}");
        var tracked = await page.ContentAsync();
        Assert.Contains(code, tracked);
        Assert.Contains("status-received", tracked);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("citizen-4-track-mn.png"), FullPage = true });

        // A mistyped address: the site's own page in the reader's language, with a way on, not a developer's message.
        var missing = await page.GotoAsync("/provider/999999");
        Assert.Equal(404, missing!.Status);
        Assert.Equal("Хуудас олдсонгүй", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal(1, await page.Locator("main a[href='/']").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("citizen-5-not-found-mn.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task ACitizen_WithScriptsOff_GivesFeedbackInEnglish_AndTracksIt()
    {
        var page = await app.PageAsync(phone: true, language: "en", javaScript: false);

        await page.GotoAsync("/feedback");
        await ChooseAsync(page, "#aimag", "181", "aimag=181", autosubmits: false);
        await ChooseAsync(page, "#soum", "MN18101", "soum=MN18101", autosubmits: false);
        var provider = await page.Locator("#provider option").Nth(1).GetAttributeAsync("value");
        await ChooseAsync(page, "#provider", provider!, $"provider={provider}", autosubmits: false);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("citizen-noscript-1-form-en.png"), FullPage = true });
        await page.CheckAsync("input[name='Form.Score'][value='4']");
        await page.FillAsync("#f-comment", "Staff were helpful, the queue was short.");
        await page.ClickAsync("form[method=post] button[type=submit]");

        await page.WaitForURLAsync("**/feedback/sent/**");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("citizen-noscript-2-sent-en.png"), FullPage = true });
        var code = (await page.Locator(".tracking-code").First.InnerTextAsync()).Trim();
        await page.GotoAsync("/track");
        await page.FillAsync("input[name=code]", code);
        await page.ClickAsync("form[action='/track'] button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var tracked = await page.InnerTextAsync("main");
        Assert.Contains(code, tracked);
        Assert.Contains("Received", tracked);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("citizen-noscript-3-track-en.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task TheFeedbackFormPage_WeighsUnder100KB_InAll()
    {
        var page = await app.PageAsync(phone: true);
        var total = 0L;
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);
        await page.GotoAsync("/feedback?aimag=181&soum=MN18101", new() { WaitUntil = WaitUntilState.NetworkIdle });
        foreach (var response in responses)
        {
            total += (await response.BodyAsync()).Length;
        }

        Assert.True(total < 100 * 1024, $"{total} bytes in {responses.Count} responses");
        Assert.All(responses, r => Assert.StartsWith(app.BaseAddress.GetLeftPart(UriPartial.Authority), r.Url));
    }

    [BrowserFact]
    public async Task ThePublicPages_HaveNoSeriousOrCriticalAccessibilityViolations_InBothLanguages()
    {
        var failures = new List<string>();
        foreach (var language in new[] { "mn", "en" })
        {
            var page = await app.PageAsync(phone: false, language);
            foreach (var url in new[] { "/", "/feedback", "/feedback?aimag=181&soum=MN18101", "/track", "/reports", "/reports/verify", "/aimag/181", "/provider/1" })
            {
                await page.GotoAsync(url);
                failures.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"{language} {url}: {v}"));
                await page.ScreenshotAsync(new() { Path = BrowserApp.Shot($"page{url.Replace('/', '-').Replace('?', '-').Replace('&', '-').Replace('=', '-')}-{language}.png"), FullPage = true });
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// Chooses an option of the step form: with scripts on, the choice itself loads the next step;
    /// with them off (<paramref name="autosubmits"/> false), the form's button does.
    /// </summary>
    private static async Task ChooseAsync(IPage page, string select, string value, string expectInUrl, bool autosubmits = true)
    {
        await page.SelectOptionAsync(select, value);
        if (autosubmits)
        {
            try
            {
                await page.WaitForURLAsync($"**{expectInUrl}**", new() { Timeout = 15_000 });
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                return;
            }
            catch (TimeoutException)
            {
                // The choice did not load the next step (a loaded machine may lose the change event): the button does the same.
            }
        }

        await page.ClickAsync("form[method=get] button[type=submit]");
        await page.WaitForURLAsync($"**{expectInUrl}**", new() { Timeout = 60_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
