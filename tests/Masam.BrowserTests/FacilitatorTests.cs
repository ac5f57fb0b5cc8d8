using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>A civil-society facilitator copies a focus group's paper score sheet into the grid, on a tablet-sized screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FacilitatorTests(BrowserApp app)
{
    [BrowserFact]
    public async Task AFacilitator_EntersAScoreSheet_FixesAMistakeTheFormRefuses_AndSeesTheResults()
    {
        await app.CreateStaffAsync("cso.browser@masam.test", StaffRoles.CsoFacilitator, ["267"]);
        using var api = await app.ApiClientAsync("cso.browser@masam.test");
        var providers = await api.GetFromJsonAsync<JsonElement>("/api/v1/providers?adminUnit=267&type=soum-health-centre&pageSize=1");
        var provider = providers.GetProperty("items")[0].GetProperty("id").GetInt32();
        var cycle = await (await api.PostAsJsonAsync("/api/v1/staff/scorecards", new
        {
            providerId = provider, periodStart = "2026-01-01", periodEnd = "2026-06-30", facilitatingGroup = "Хөвсгөлийн ТББ",
            indicators = new[] { "health-waiting-time", "health-medicines" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = cycle.GetProperty("cycleId").GetInt32();
        await api.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "input-tracking", version = 0 });
        await api.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "community-scoring", version = 1 });
        var groups = await (await api.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "herders", participants = 11, female = 5, version = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var group = groups.GetProperty("groups")[0].GetProperty("id").GetInt32();

        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, "cso.browser@masam.test");
        await page.GotoAsync($"/staff/scorecards/{id}/groups/{group}");

        await page.FillAsync("#f-rows-0-score", "2");
        await page.FillAsync("input[name='Rows[0].Reason']", "Хол, дараалал урт");
        await page.FillAsync("#f-rows-1-score", "7"); // a slip of the pen: the scale is 1 to 5
        var sheetUrl = page.Url;
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // The server refuses the sheet, not a browser bubble: a summary at the top links to the field, whose message
        // stands beside it, marked invalid; what was typed is kept.
        Assert.Equal(sheetUrl, page.Url);
        var link = page.Locator(".error-summary a[href='#f-rows-1-score']");
        Assert.Equal(1, await link.CountAsync());
        await link.ClickAsync();
        Assert.Equal("f-rows-1-score", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Equal("true", await page.GetAttributeAsync("#f-rows-1-score", "aria-invalid"));
        Assert.Contains("5", await page.InnerTextAsync("#e-rows-1-score"));
        Assert.Equal("7", await page.InputValueAsync("#f-rows-1-score"));
        Assert.Equal("Хол, дараалал урт", await page.InputValueAsync("input[name='Rows[0].Reason']"));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("facilitator-1-mistake-mn.png"), FullPage = true });

        await page.FillAsync("#f-rows-1-score", "1");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync($"**/staff/scorecards/{id}");
        Assert.Contains("<b>2.0</b>", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("facilitator-2-results-mn.png"), FullPage = true });
    }
}
