using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Scorecards;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Scorecards;

public sealed class ScorecardImportTests : IAsyncLifetime, IDisposable
{
    private readonly MasamAppFactory _factory = new(("Masam:Scorecards:ImportMaxBytes", "200000"));
    private HttpClient _cso = null!;
    private int _cycle;

    public async Task InitializeAsync() => (_cso, _cycle) = await ScorecardArrange.CycleAtCommunityScoringAsync(_factory);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> ImportAsync(byte[] file, string format, bool approvedOnly = false, string fileName = "export")
    {
        var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "file", fileName },
            { new StringContent(format), "format" },
            { new StringContent(approvedOnly ? "true" : "false"), "approvedOnly" },
        };
        return _cso.PostAsync($"/api/v1/staff/scorecards/{_cycle}/imports", content);
    }

    private Task<int> GroupsAsync() => _factory.WithDbAsync(db => db.FocusGroups.CountAsync(g => g.CycleId == _cycle));

    [Theory]
    [InlineData("kobo", "kobo-csc-focus-group.xlsx")]
    [InlineData("odk", "odk-csc-focus-group.zip")]
    public async Task TheShippedSample_ImportsTwice_WithoutDuplicates(string format, string sample)
    {
        var file = await File.ReadAllBytesAsync(Masam.Web.Data.SeedData.File("samples", sample));

        var first = await (await ImportAsync(file, format)).ReadJsonAsync();
        var second = await (await ImportAsync(file, format)).ReadJsonAsync();

        Assert.Equal(3, first.GetProperty("imported").GetInt32());
        Assert.Equal(0, second.GetProperty("imported").GetInt32());
        Assert.Equal(3, second.GetProperty("updated").GetInt32());
        Assert.Equal(3, await GroupsAsync());
        Assert.Equal(6, await _factory.WithDbAsync(db => db.GroupScores.CountAsync()));
        var results = await _cso.GetFromJsonAsync<JsonElement>($"/api/v1/staff/scorecards/{_cycle}");
        Assert.Equal(2.33m, results.GetProperty("indicators")[0].GetProperty("communityScore").GetDecimal()); // women 2, herders 3, TB patients 2
    }

    [Fact]
    public async Task ASubmissionImportedAgain_SetsItsGroupAsTheExportSays_KeepingTheScoresTheExportLeavesOut()
    {
        var women = SampleExports.Standard[0];
        await ImportAsync(SampleExports.Odk([women]), "odk");

        var corrected = women with { Participants = 12, Female = 12, Scores = [("health-waiting-time", "4", "Дараалал богиноссон", null)] };
        var report = await (await ImportAsync(SampleExports.Odk([corrected, SampleExports.Standard[1]]), "odk")).ReadJsonAsync();

        Assert.Equal((1, 1), (report.GetProperty("imported").GetInt32(), report.GetProperty("updated").GetInt32()));
        Assert.Empty(report.GetProperty("errors").EnumerateArray());
        var stored = await _factory.WithDbAsync(db => db.FocusGroups.Where(g => g.CycleId == _cycle).OrderBy(g => g.Id)
            .Select(g => new { g.Participants, g.Female, Scores = g.Scores.OrderBy(s => s.CycleIndicatorId).Select(s => s.Score).ToList() }).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal((12, 12), (stored[0].Participants, stored[0].Female));
        Assert.Equal([4, 1], stored[0].Scores); // waiting time corrected, medicines kept
        Assert.Equal(9, stored[1].Participants);
        Assert.Equal([3, 2], stored[1].Scores);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.Set<Masam.Web.Features.Scorecards.Import.ImportedSubmission>().CountAsync(s => s.CycleId == _cycle)));
        Assert.Equal(2, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "scorecard.import")));
    }

    [Fact]
    public async Task AKoboCsvExport_ImportsLikeItsWorkbook()
    {
        var first = await (await ImportAsync(SampleExports.KoboCsv(SampleExports.Standard), "kobo")).ReadJsonAsync();
        var again = await (await ImportAsync(SampleExports.Kobo(SampleExports.Standard), "kobo")).ReadJsonAsync();

        Assert.Equal(3, first.GetProperty("imported").GetInt32());
        Assert.Equal(3, again.GetProperty("updated").GetInt32());
        Assert.Equal(3, await GroupsAsync());
    }

    [Fact]
    public async Task AWorkbookWithoutTheScoresSheet_IsRefused_NamingIt()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        workbook.Worksheets.Add("csc_focus_group").Cell(1, 1).Value = "group_type";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var problem = await (await ImportAsync(stream.ToArray(), "kobo")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'scores'", problem.FieldErrors("file")[0]);
    }

    [Fact]
    public async Task ApprovedOnly_LeavesOutWhatWasNotApproved()
    {
        var report = await (await ImportAsync(SampleExports.Odk(SampleExports.Standard), "odk", approvedOnly: true)).ReadJsonAsync();

        Assert.Equal(2, report.GetProperty("imported").GetInt32());
        Assert.Equal(1, report.GetProperty("skippedNotApproved").GetInt32());
    }

    [Fact]
    public async Task ASubmissionWithABadRow_IsReportedWithSheetRowAndColumn_AndNotHalfImported()
    {
        var bad = SampleExports.Standard[1] with { Scores = [("health-waiting-time", "3", null, null), ("health-medicines", "9", null, null)] };
        var file = SampleExports.Kobo([SampleExports.Standard[0], bad]);

        var report = await (await ImportAsync(file, "kobo")).ReadJsonAsync();

        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal("scores", error.GetProperty("sheet").GetString());
        Assert.Equal(5, error.GetProperty("row").GetInt32());
        Assert.Equal("score", error.GetProperty("column").GetString());
        Assert.Equal(1, await GroupsAsync());
        Assert.Equal(2, await _factory.WithDbAsync(db => db.GroupScores.CountAsync()));
    }

    [Fact]
    public async Task AnUnknownIndicatorOrGroup_IsReported()
    {
        var unknown = SampleExports.Standard[0] with { GroupType = "aliens", Scores = [("weather", "3", null, null)] };

        var report = await (await ImportAsync(SampleExports.Odk([unknown]), "odk")).ReadJsonAsync();

        var columns = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("column").GetString()!).Order().ToArray();
        Assert.Equal(["group_type", "indicator"], columns);
        Assert.Equal(0, await GroupsAsync());
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        { "kobo", SampleExports.Odk(SampleExports.Standard), "scores.csv" },
        { "kobo", Encoding.UTF8.GetBytes("group_type,participants\nwomen,3"), "XLSX" },
        { "odk", SampleExports.Kobo(SampleExports.Standard), "csc_focus_group.csv" },
        { "odk", [0x50, 0x4b, 0x03, 0x04, 1, 2, 3], "zip" },
        { "odk", Encoding.UTF8.GetBytes("not a zip"), "zip" },
        // Excel on a Windows machine set up for Mongolian saves CSV as windows-1251, not UTF-8.
        { "odk", SampleExports.Odk(SampleExports.Standard, Windows1251()), "UTF-8" },
    };

    private static Encoding Windows1251()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251);
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task AFileThatIsNotWhatItClaims_IsRefusedWholly(string format, byte[] file, string hint)
    {
        var problem = await (await ImportAsync(file, format)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(hint, problem.FieldErrors("file")[0]);
        Assert.Equal(0, await GroupsAsync());
    }

    [Fact]
    public async Task MissingColumns_AreNamed()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        workbook.Worksheets.Add("csc_focus_group").Cell(1, 1).Value = "group_type";
        workbook.Worksheets.Add("scores").Cell(1, 1).Value = "indicator";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var problem = await (await ImportAsync(stream.ToArray(), "kobo")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("_uuid", problem.FieldErrors("file")[0]);
        Assert.Contains("scores: score", problem.FieldErrors("file")[0]);
    }

    [Fact]
    public async Task AFileOverTheLimit_Is413_AndAnythingButMultipart_Is415()
    {
        await (await ImportAsync(new byte[300_000], "kobo")).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await _cso.PostAsJsonAsync($"/api/v1/staff/scorecards/{_cycle}/imports", new { format = "kobo" })).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ImportingOutsideCommunityScoring_IsRefused()
    {
        await _factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == _cycle)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, ScorecardStage.Completed)));

        await (await ImportAsync(SampleExports.Odk(SampleExports.Standard), "odk")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await GroupsAsync());
    }
}

/// <summary>A Khövsgöl facilitator signed in, with a cycle for a soum health centre at community scoring.</summary>
public static class ScorecardArrange
{
    public static async Task<(HttpClient Cso, int Cycle)> CycleAtCommunityScoringAsync(MasamAppFactory factory)
    {
        var provider = await factory.AddProviderAsync("MN26701", type: "soum-health-centre", nameMn: "Мөрөн сумын ЭМТ");
        await factory.CreateStaffAsync("cso@test.mn", StaffRoles.CsoFacilitator, units: ["267"]);
        var cso = await factory.ClientForAsync("cso@test.mn");
        var cycle = (await (await cso.PostAsJsonAsync("/api/v1/staff/scorecards", new
        {
            providerId = provider, periodStart = "2026-01-01", periodEnd = "2026-06-30", facilitatingGroup = "Хөвсгөлийн ТББ",
            indicators = new[] { "health-waiting-time", "health-medicines" },
        })).ReadJsonAsync()).GetProperty("cycleId").GetInt32();
        await factory.WithDbAsync(db => db.ScorecardCycles.Where(c => c.Id == cycle)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, ScorecardStage.CommunityScoring)));
        return (cso, cycle);
    }
}
