using Masam.Web.Features.Accounts;
using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>
/// An administrator, working in English, adds a provider and takes it out of service, opens an
/// account for an official, and reviews and publishes an aimag's report; the staff pages pass the
/// accessibility check.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministratorTests(BrowserApp app)
{
    [BrowserFact]
    public async Task AnAdministrator_ManagesProvidersAndAccounts_AndPublishesAReport_InEnglish()
    {
        await app.CreateStaffAsync("admin.browser@masam.test", StaffRoles.Admin);
        var page = await app.PageAsync(phone: false, language: "en");
        await BrowserApp.SignInAsync(page, "admin.browser@masam.test");
        var failures = new List<string>((await BrowserApp.SetUpTwoFactorAsync(page)).Problems);

        await page.GotoAsync("/admin/providers?unit=181");
        Assert.Contains("Service providers", await page.TitleAsync());
        failures.AddRange(await Accessibility.SeriousViolationsAsync(page));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("admin-1-providers-en.png"), FullPage = true });

        await page.ClickAsync("a[href='/admin/providers/new']");
        await page.FillAsync("#f-code", "SCH-BROWSER-1");
        await page.FillAsync("#f-nameMn", "Тосонцэнгэл сумын 2-р сургууль");
        await page.FillAsync("#f-nameEn", "Tosontsengel soum school No. 2");
        await page.SelectOptionAsync("#f-type", "general-school");
        await page.SelectOptionAsync("#f-adminUnit", "MN18140");
        await page.CheckAsync("input[name='Input.ServiceLines'][value='general-education']");
        await page.CheckAsync("input[name='Input.ServiceLines'][value='school-meals']");
        failures.AddRange(await Accessibility.SeriousViolationsAsync(page));
        await page.ClickAsync("form.card button[type=submit]");
        await page.WaitForURLAsync("**/admin/providers/*?saved=true");
        Assert.Equal("Saved.", await page.InnerTextAsync("[role=status]"));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("admin-2-provider-saved-en.png"), FullPage = true });

        await page.ClickAsync("button:has-text('Take out of service')");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("Out of service", await page.InnerTextAsync("dl.facts"));

        await page.GotoAsync("/admin/users");
        await page.FillAsync("#f-email", "uliastai.browser@masam.test");
        await page.FillAsync("#f-displayName", "Uliastai soum officer");
        await page.FillAsync("#f-password", "a long enough password for a new account");
        await page.SelectOptionAsync("#f-role", StaffRoles.LocalOfficial);
        await page.SelectOptionAsync("#f-adminUnits", "MN18101");
        await page.ClickAsync("form.card button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("uliastai.browser@masam.test", await page.InnerTextAsync("table"));
        failures.AddRange(await Accessibility.SeriousViolationsAsync(page));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("admin-3-accounts-en.png"), FullPage = true });

        // The review step: draft Zavkhan's report for the last quarter that has ended, look at it, publish it.
        var quarter = BrowserApp.LastEndedQuarter();
        await page.GotoAsync("/staff/publications");
        await page.SelectOptionAsync("#f-period", quarter);
        await page.SelectOptionAsync("#f-adminUnit", "181");
        await page.ClickAsync("form.card button[type=submit]");
        var publish = page.Locator("form[action*='handler=Publish'] button");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await publish.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.GotoAsync("/staff/publications");
        }

        Assert.Equal(1, await publish.CountAsync());
        Assert.Contains("Draft", await page.InnerTextAsync("table"));
        failures.AddRange(await Accessibility.SeriousViolationsAsync(page));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("admin-4-draft-review-en.png"), FullPage = true });
        await publish.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("Published", await page.InnerTextAsync("table"));

        await page.GotoAsync($"/reports?period={quarter}");
        Assert.Contains("Zavkhan", await page.InnerTextAsync("main"));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("admin-5-catalogue-en.png"), FullPage = true });

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
