using Masam.Web.Features.Accounts;
using Masam.Web.Features.Operations;
using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>
/// An administrator opens the operations page: every item is there; with no backup yet, the
/// backup item is red and the summary says so; after a backup (the command an IT officer runs),
/// the page shows it and the item is no longer red. In Mongolian on a phone, in English on a screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorTests(BrowserApp app)
{
    private static readonly string[] Items = ["aggregation", "jobs", "backup", "integrity", "outbox", "storage"];

    private static Task<string> BackgroundOf(IPage page, string item) =>
        page.Locator($"section[data-item={item}]").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    [BrowserFact]
    public async Task AnAdministrator_SeesTheInstallationsHealth_AndABackupTurnsItsItemFromRed()
    {
        await app.CreateStaffAsync("operator.browser@masam.test", StaffRoles.Admin);
        var failures = new List<string>();
        var phone = await app.PageAsync(phone: true, language: "mn");
        await BrowserApp.SignInAsync(phone, "operator.browser@masam.test");
        var (problems, recoveryCodes) = await BrowserApp.SetUpTwoFactorAsync(phone);
        failures.AddRange(problems);
        await phone.ClickAsync("a[href='/admin/operations']");
        await phone.WaitForURLAsync("**/admin/operations");

        Assert.Contains("Системийн байдал", await phone.TitleAsync());
        foreach (var item in Items)
        {
            Assert.Equal(1, await phone.Locator($"section[data-item={item}]").CountAsync());
        }

        // The demo has aggregated at start and never been backed up.
        Assert.Contains("Хэзээ ч хийгдээгүй", await phone.InnerTextAsync("section[data-item=backup]"));
        Assert.Contains("alert", await phone.GetAttributeAsync("section[data-item=backup]", "class"));
        Assert.Equal("rgb(253, 231, 233)", await BackgroundOf(phone, "backup"));
        Assert.DoesNotContain("alert", await phone.GetAttributeAsync("section[data-item=aggregation]", "class"));
        Assert.Contains("Анхаарах зүйл", await phone.InnerTextAsync("p[role=status]"));
        failures.AddRange(await Accessibility.SeriousViolationsAsync(phone));
        await phone.ScreenshotAsync(new() { Path = BrowserApp.Shot("operations-1-no-backup-mn-phone.png"), FullPage = true });

        var folder = Path.Combine(Path.GetTempPath(), "masam-browser-backup", Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(0, await OperationsCommands.RunAsync(app.Services, ["backup", "--to", folder, "--allow-plain-keys"], output, error));

            var screen = await app.PageAsync(phone: false, language: "en");
            await BrowserApp.SignInAsync(screen, "operator.browser@masam.test");
            failures.AddRange(await Accessibility.SeriousViolationsAsync(screen)); // the code page
            await BrowserApp.EnterCodeAsync(screen, recoveryCodes[0]); // another computer, no phone at hand
            await screen.GotoAsync("/admin/operations");
            var backup = await screen.InnerTextAsync("section[data-item=backup]");
            Assert.Contains("minutes ago", backup);
            Assert.Contains(folder, backup);
            Assert.DoesNotContain("alert", await screen.GetAttributeAsync("section[data-item=backup]", "class"));
            Assert.NotEqual("rgb(253, 231, 233)", await BackgroundOf(screen, "backup"));
            Assert.Contains("Failed: ", await screen.InnerTextAsync("section[data-item=jobs]"));
            Assert.Contains("Free: ", await screen.InnerTextAsync("section[data-item=storage]"));
            Assert.Equal("/jobs/jobs/failed", await screen.GetAttributeAsync("section[data-item=jobs] a", "href"));
            failures.AddRange(await Accessibility.SeriousViolationsAsync(screen));
            await screen.ScreenshotAsync(new() { Path = BrowserApp.Shot("operations-2-backed-up-en.png"), FullPage = true });
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
