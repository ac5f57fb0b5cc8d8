using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Masam.Web.Features.Accounts;

namespace Masam.BrowserTests;

/// <summary>A Ministry analyst publishes the national report and downloads it from the public catalogue, then checks it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnalystTests(BrowserApp app)
{
    [BrowserFact]
    public async Task AnAnalyst_DownloadsAReport_FromTheCatalogue_AndTheVerificationPageConfirmsIt()
    {
        await app.CreateStaffAsync("analyst.browser@masam.test", StaffRoles.MinistryAnalyst);

        // The report is drafted and published through the API; the analyst then works in the browser.
        using var api = await app.ApiClientAsync("analyst.browser@masam.test");
        var quarter = BrowserApp.LastEndedQuarter();
        var id = (await (await api.PostAsJsonAsync("/api/v1/staff/publications", new { period = quarter })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        JsonElement draft = default;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            draft = await api.GetFromJsonAsync<JsonElement>($"/api/v1/staff/publications/{id}");
            if (draft.GetProperty("status").GetString() is "draft" or "failed") break;
            await Task.Delay(200);
        }

        Assert.Equal("draft", draft.GetProperty("status").GetString());
        (await api.PostAsJsonAsync($"/api/v1/staff/publications/{id}/publish", new { version = draft.GetProperty("version").GetInt32() })).EnsureSuccessStatusCode();

        var page = await app.PageAsync(phone: false);
        await page.GotoAsync($"/reports?period={quarter}");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("analyst-1-catalogue-mn.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href$='-mn.xlsx']"));
        var saved = Path.Combine(BrowserApp.Screenshots, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.Equal($"masam-national-{quarter.ToLowerInvariant()}-e1-mn.xlsx", download.SuggestedFilename);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved)));
        Assert.Contains(sha256, await page.ContentAsync());

        await page.GotoAsync("/reports/verify");
        await page.SetInputFilesAsync("#file", saved);
        await page.ClickAsync("form[enctype='multipart/form-data'] button[type=submit]");
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        var verdict = await page.ContentAsync();
        Assert.Contains(sha256, verdict);
        Assert.Contains(download.SuggestedFilename, verdict);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("analyst-2-verified-mn.png"), FullPage = true });
    }
}
