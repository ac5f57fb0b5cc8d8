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

    [Fact]
    public async Task AFacilitator_RunsAWholeCycleThroughThePages_FromPlanningToCompleted()
    {
        var provider = await _factory.AddProviderAsync("MN26701", type: "soum-health-centre", nameMn: "Мөрөн сумын ЭМТ");
        await _factory.CreateStaffAsync("cso@test.mn", StaffRoles.CsoFacilitator, units: ["267"]);
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await browser.PostFormAsync("/account/sign-in", new() { ["Email"] = "cso@test.mn", ["Password"] = StaffTestAccounts.Password });

        var created = await browser.PostFormAsync("/staff/scorecards/new", new()
        {
            ["providerId"] = provider.ToString(), ["periodStart"] = "2026-01-01", ["periodEnd"] = "2026-06-30",
            ["facilitatingGroup"] = "Хөвсгөлийн ТББ", ["codes"] = "health-waiting-time",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;
        var id = int.Parse(page.Split('/').Last());

        async Task<int> VersionAsync() => await _factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        async Task PostAsync(string handler, Dictionary<string, string> fields)
        {
            fields["version"] = (await VersionAsync()).ToString();
            var response = await browser.PostFormAsync($"{page}?handler={handler}", fields, formPage: page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await PostAsync("Indicators", new() { ["codes"] = "health-medicines" });
        await PostAsync("Stage", new() { ["stage"] = "input-tracking" });
        await PostAsync("InputTracking", new() { ["lines"] = "Эмч | 3 | 1 | 2 сул орон тоо\nПарацетамол | 500 | 120 |" });
        await PostAsync("Stage", new() { ["stage"] = "community-scoring" });

        var token = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync(page), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(Masam.Web.Data.SeedData.File("samples", "odk-csc-focus-group.zip"))), "file", "odk.zip" },
            { new StringContent("odk"), "format" },
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
        };
        var imported = await browser.PostAsync($"{page}?handler=Import", upload);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("Шинээр 3", await imported.Content.ReadAsStringAsync());

        await PostAsync("Stage", new() { ["stage"] = "provider-self-assessment" });
        var indicators = await _factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == id).SelectMany(c => c.Indicators).OrderBy(i => i.Position).Select(i => i.Id).ToListAsync());
        var self = await browser.PostFormAsync($"/staff/scorecards/{id}/self", new()
        {
            ["version"] = (await VersionAsync()).ToString(),
            ["Rows[0].IndicatorId"] = indicators[0].ToString(), ["Rows[0].Score"] = "4",
            ["Rows[1].IndicatorId"] = indicators[1].ToString(), ["Rows[1].Score"] = "5",
        }, formPage: $"/staff/scorecards/{id}/self");
        Assert.Equal(HttpStatusCode.Redirect, self.StatusCode);
        await PostAsync("Stage", new() { ["stage"] = "interface-meeting" });
        await PostAsync("Meeting", new() { ["heldOn"] = "2026-05-20", ["attendance"] = "30", ["notes"] = "Тохиролцов" });
        await PostAsync("Stage", new() { ["stage"] = "action-plan-agreed" });
        await PostAsync("Plan", new() { ["title"] = "Эмийн захиалга", ["dueOn"] = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd"), ["costMnt"] = "2000000" });
        await PostAsync("Stage", new() { ["stage"] = "follow-up" });
        await PostAsync("Stage", new() { ["stage"] = "completed" });

        var results = await browser.GetStringAsync(page);
        Assert.Contains("Дууссан", results);
        Assert.Contains("Эмийн захиалга", results);
        Assert.Contains("Өөрийн үнэлгээ", results);
        Assert.DoesNotContain("handler=Stage", results);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.ResponseActions.CountAsync(a => a.ScorecardCycleId == id)));
    }
}
