using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Tests.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Pages;

public sealed class ScorecardPagesTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AFacilitator_CopiesAPaperSheetIntoTheGrid_AndSeesTheResults()
    {
        var provider = await _factory.AddProviderAsync("MN26701", type: "soum-health-centre", nameMn: "Мөрөн сумын ЭМТ");
        await _factory.CreateStaffAsync("cso@test.mn", StaffRoles.CsoFacilitator, units: ["267"]);
        var api = await _factory.ClientForAsync("cso@test.mn");
        var cycle = await (await api.PostAsJsonAsync("/api/v1/staff/scorecards", new
        {
            providerId = provider, periodStart = "2026-01-01", periodEnd = "2026-06-30", facilitatingGroup = "Хөвсгөлийн ТББ",
            indicators = new[] { "health-waiting-time", "health-medicines" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = cycle.GetProperty("cycleId").GetInt32();
        var indicators = cycle.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("indicatorId").GetInt32()).ToArray();
        await api.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "input-tracking", version = 0 });
        await api.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "community-scoring", version = 1 });
        var groups = await (await api.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/groups", new { type = "herders", participants = 11, female = 5, version = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var group = groups.GetProperty("groups")[0].GetProperty("id").GetInt32();

        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await browser.PostFormAsync("/account/sign-in", new() { ["Email"] = "cso@test.mn", ["Password"] = StaffTestAccounts.Password });
        var sheetUrl = $"/staff/scorecards/{id}/groups/{group}";
        var sheet = await browser.GetStringAsync(sheetUrl);
        Assert.Contains("Малчид: оноон хуудас", sheet);
        Assert.Contains("Үзлэгт орох хүлээлгийн хугацаа", sheet);

        var bad = await browser.PostFormAsync(sheetUrl, new()
        {
            ["version"] = "3",
            ["Rows[0].IndicatorId"] = indicators[0].ToString(), ["Rows[0].Score"] = "2", ["Rows[0].Reason"] = "Хол",
            ["Rows[1].IndicatorId"] = indicators[1].ToString(), ["Rows[1].Score"] = "7",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("class=\"invalid\"", badPage);
        Assert.Contains("value=\"Хол\"", badPage);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.GroupScores.CountAsync()));

        var good = await browser.PostFormAsync(sheetUrl, new()
        {
            ["version"] = "3",
            ["Rows[0].IndicatorId"] = indicators[0].ToString(), ["Rows[0].Score"] = "2", ["Rows[0].Reason"] = "Хол",
            ["Rows[1].IndicatorId"] = indicators[1].ToString(), ["Rows[1].Score"] = "1", ["Rows[1].Suggestion"] = "Эмийн сан",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);

        var results = await browser.GetStringAsync($"/staff/scorecards/{id}");
        Assert.Contains("Иргэдийн дундаж", results);
        Assert.Contains("<b>2.0</b>", results);
        Assert.Contains("Мөрөн сумын ЭМТ", await browser.GetStringAsync("/staff/scorecards"));
    }
}
