using Masam.Web.Features.Accounts;
using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>
/// A Ministry analyst ranks the aimags on the demo's last quarter: on poverty alone NSO's highest
/// headcount (Govisümber) leads; moving the weight to satisfaction changes the ranking; the CSV and
/// XLSX downloads answer; in Mongolian on a phone and English on a screen, passing axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TargetingTests(BrowserApp app)
{
    private static async Task RankAsync(IPage page, double poverty, double satisfaction)
    {
        await page.FillAsync("#f-poverty", poverty.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#f-satisfaction", satisfaction.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#f-responsiveness", "0");
        await page.FillAsync("#f-coverage", "0");
        await page.ClickAsync("form.targeting-form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [BrowserFact]
    public async Task AnAnalyst_ChangesAWeight_AndTheRankingChanges_AndDownloadsIt()
    {
        await app.CreateStaffAsync("targeting.browser@masam.test", StaffRoles.MinistryAnalyst);
        var failures = new List<string>();
        var phone = await app.PageAsync(phone: true, language: "mn");
        await BrowserApp.SignInAsync(phone, "targeting.browser@masam.test");
        await phone.GotoAsync("/staff");
        await phone.ClickAsync("a[href='/staff/targeting']");
        await phone.WaitForURLAsync("**/staff/targeting");
        Assert.Contains("Дараа нь хаана ажиллах вэ", await phone.TitleAsync());

        await RankAsync(phone, poverty: 1, satisfaction: 0);
        Assert.Equal("342", await phone.GetAttributeAsync("table.targeting tbody tr:first-child", "data-code"));
        Assert.Contains("Говьсүмбэр", await phone.InnerTextAsync("table.targeting tbody tr:first-child"));
        failures.AddRange(await Accessibility.SeriousViolationsAsync(phone));
        await phone.ScreenshotAsync(new() { Path = BrowserApp.Shot("targeting-1-poverty-mn-phone.png"), FullPage = true });

        await RankAsync(phone, poverty: 0, satisfaction: 1);
        var first = await phone.GetAttributeAsync("table.targeting tbody tr:first-child", "data-code");
        Assert.NotEqual("342", first);
        Assert.Contains("%", await phone.InnerTextAsync("table.targeting tbody tr:first-child"));

        var screen = await app.PageAsync(phone: false, language: "en");
        await BrowserApp.SignInAsync(screen, "targeting.browser@masam.test");
        await screen.GotoAsync(phone.Url);
        Assert.Equal(first, await screen.GetAttributeAsync("table.targeting tbody tr:first-child", "data-code"));
        Assert.Contains("Where to work next", await screen.TitleAsync());
        var csv = await screen.APIRequest.GetAsync((await screen.GetAttributeAsync("a[href*='handler=Csv']", "href"))!);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);
        Assert.Contains("\"Rank\",\"Code\",", await csv.TextAsync());
        var xlsx = await screen.APIRequest.GetAsync((await screen.GetAttributeAsync("a[href*='handler=Xlsx']", "href"))!);
        Assert.Equal(200, xlsx.Status);
        Assert.Equal((byte)'P', (await xlsx.BodyAsync())[0]); // a zip: PK
        failures.AddRange(await Accessibility.SeriousViolationsAsync(screen));
        await screen.ScreenshotAsync(new() { Path = BrowserApp.Shot("targeting-2-satisfaction-en.png"), FullPage = true });

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
