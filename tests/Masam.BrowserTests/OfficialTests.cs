using Masam.Web.Features.Accounts;
using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>An official in Zavkhan, on an office screen, answers feedback and follows an action to done, in Mongolian, and reads the result in English.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficialTests(BrowserApp app)
{
    [BrowserFact]
    public async Task AnOfficial_AnswersFeedback_AndClosesAnAction_InBothLanguages()
    {
        await app.CreateStaffAsync("zavkhan.browser@masam.test", StaffRoles.LocalOfficial, ["181"]);

        var page = await app.PageAsync(phone: false);
        await BrowserApp.SignInAsync(page, "zavkhan.browser@masam.test");
        await page.GotoAsync("/staff/inbox");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("official-1-inbox-mn.png"), FullPage = true });

        await page.Locator("a[href^='/staff/feedback/']").First.ClickAsync();
        var feedbackUrl = page.Url;
        await page.FillAsync("#f-body", "Хоёр дахь цонхыг ирэх долоо хоногоос нээнэ.");
        await page.ClickAsync("form:has(#f-body) button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("Хоёр дахь цонхыг ирэх долоо хоногоос нээнэ.", await page.ContentAsync());

        // Answering is the page's primary action; a new action is folded below it until opened.
        await page.ClickAsync("details:has(#f-title) > summary");
        await page.FillAsync("#f-title", "Хоёр дахь цонх нээх");
        await page.FillAsync("#f-dueOn", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"));
        await page.FillAsync("#f-costMnt", "1 500 000"); // as a Mongolian writes it: spaces between the thousands
        await page.FillAsync("#f-fundingSource", "Орон нутгийн хөгжлийн сан");
        await page.ClickAsync("form:has(#f-title) button[type=submit]");
        await page.WaitForURLAsync("**/staff/actions/**");
        Assert.Matches(@"1[,\s]500[,\s]000 ₮", await page.InnerTextAsync("dl.facts")); // shown as the culture writes it: 1,500,000 ₮
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("official-2-action-mn.png"), FullPage = true });

        await page.FillAsync("#f-text", "Цонх нээгдэж, ажилтан томилогдлоо.");
        await page.FillAsync("#f-progressPercent", "100");
        await page.SelectOptionAsync("#f-status", "done");
        await page.ClickAsync("form:has(#f-text) button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var action = await page.ContentAsync();
        Assert.Contains("Цонх нээгдэж, ажилтан томилогдлоо.", action);
        Assert.Contains("Хийгдсэн", await page.Locator("dd").AllInnerTextsAsync() is var facts ? string.Join(" ", facts) : "");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("official-3-done-mn.png"), FullPage = true });

        await page.GotoAsync(feedbackUrl);
        await page.GotoAsync("/language/en?returnUrl=" + Uri.EscapeDataString(new Uri(feedbackUrl).PathAndQuery));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("official-4-feedback-en.png"), FullPage = true });
        Assert.Contains("Answered", await page.ContentAsync());
    }
}
