using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ClosedXML.Excel;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Visits;
using Masam.Web.Tests.Features.Sms;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Visits;

/// <summary>
/// A centre without a system uploads its visits as CSV or XLSX (made with ClosedXML, as Excel would):
/// every row checked, the file stored whole or not at all, refused rows named by their row number.
/// </summary>
public sealed class VisitFileTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new(("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey));
    private string _centre = "";
    private string _elsewhere = "";
    private HttpClient _official = null!;

    public async Task InitializeAsync()
    {
        _centre = await CodeOfAsync(await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ", "civil-registration"));
        _elsewhere = await CodeOfAsync(await _factory.AddProviderAsync("MN26701", "oss-centre", "Мөрөн сумын ТҮНЦТ"));
        await _factory.CreateStaffAsync("official@test.mn", StaffRoles.LocalOfficial, units: ["MN18101"]);
        _official = await _factory.ClientForAsync("official@test.mn");
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private Task<string> CodeOfAsync(int id) => _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == id).Select(p => p.Code).SingleAsync());

    private static DateTime MongolianNow => DateTime.UtcNow.AddHours(8);

    private Task<HttpResponseMessage> UploadAsync(byte[] file, string name, params (string Field, string Header)[] columns)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(content, "file", name);
        foreach (var (field, header) in columns) form.Add(new StringContent(header), $"column.{field}");
        return _official.PostAsync("/api/v1/staff/visits/files", form);
    }

    private Task<List<ServiceVisit>> VisitsAsync() => _factory.WithDbAsync(db => db.Set<ServiceVisit>().AsNoTracking().OrderBy(v => v.Id).ToListAsync());

    [Fact]
    public async Task ACsv_WithItsOwnHeaders_AndSemicolons_IsStored_AndSentAgainChangesNothing()
    {
        var at = MongolianNow.AddHours(-3).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var csv = "\uFEFFДугаар;Байгууллага;Огноо;Утас;Холбогдохгүй\n" +
            $"A-1;{_centre};{at};99112233;\n" +
            $"A-2;{_centre};{at};+976 88112233;үгүй\n" +
            $"A-3;{_centre};{at};;тийм\n";
        (string, string)[] columns = [("visitId", "Дугаар"), ("provider", "Байгууллага"), ("visitedAt", "Огноо"), ("phone", "Утас"), ("doNotContact", "Холбогдохгүй")];
        var first = await (await UploadAsync(Encoding.UTF8.GetBytes(csv), "visits.csv", columns)).ReadJsonAsync();
        Assert.Equal((3, 3, 0), (first.GetProperty("rows").GetInt32(), first.GetProperty("received").GetInt32(), first.GetProperty("alreadyReceived").GetInt32()));
        var stored = await VisitsAsync();
        Assert.Equal(["99112233", "88112233", null], stored.Select(v => v.Phone));
        Assert.Equal(["file", "file", "file"], stored.Select(v => v.Origin));
        Assert.InRange((DateTime.UtcNow - stored[0].VisitedAt).TotalHours, 2.9, 3.1);

        var again = await (await UploadAsync(Encoding.UTF8.GetBytes(csv), "visits.csv", columns)).ReadJsonAsync();
        Assert.Equal((0, 3), (again.GetProperty("received").GetInt32(), again.GetProperty("alreadyReceived").GetInt32()));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "visits.file").CountAsync());
        Assert.Equal(2, audit);
    }

    [Fact]
    public async Task AnXlsx_WithDateCellsAndNumberCells_IsStored()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Visits");
        string[] header = ["visit_id", "provider", "service_line", "visited_at", "phone", "language", "do_not_contact"];
        for (var i = 0; i < header.Length; i++) sheet.Cell(1, i + 1).Value = header[i];
        sheet.Cell(2, 1).Value = 5001;
        sheet.Cell(2, 2).Value = _centre;
        sheet.Cell(2, 3).Value = "civil-registration";
        sheet.Cell(2, 4).Value = MongolianNow.AddHours(-1);
        sheet.Cell(2, 5).Value = 99112233;
        sheet.Cell(2, 6).Value = "en";
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);

        var result = await (await UploadAsync(buffer.ToArray(), "visits.xlsx")).ReadJsonAsync();
        Assert.Equal(1, result.GetProperty("received").GetInt32());
        var visit = Assert.Single(await VisitsAsync());
        Assert.Equal(("5001", "99112233", "en", "civil-registration"), (visit.ExternalId, visit.Phone, visit.Language, visit.ServiceLineCode));
        Assert.InRange((DateTime.UtcNow - visit.VisitedAt).TotalMinutes, 58, 62);
    }

    [Fact]
    public async Task AFileWithBadRows_IsRefusedWhole_EachRowNamed_AndNothingStored()
    {
        var ok = MongolianNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var rows = new StringBuilder("visit_id,provider,visited_at,phone,do_not_contact\n");
        for (var i = 0; i < 2500; i++) rows.Append(CultureInfo.InvariantCulture, $"ok-{i},{_centre},{ok},99{i:000000},\n"); // rows 2-2501, more than one chunk
        rows.Append(CultureInfo.InvariantCulture, $"bad-1,{_elsewhere},{ok},99112233,\n"); // row 2502: outside the official's aimag
        rows.Append(CultureInfo.InvariantCulture, $"bad-2,{_centre},{MongolianNow.AddDays(2):yyyy-MM-dd'T'HH:mm},99112233,\n"); // 2503: the future
        rows.Append(CultureInfo.InvariantCulture, $"bad-3,{_centre},{ok},7011223,\n"); // 2504: seven digits
        rows.Append(CultureInfo.InvariantCulture, $"bad-4,{_centre},{ok},99112233,maybe\n"); // 2505
        var problem = await (await UploadAsync(Encoding.UTF8.GetBytes(rows.ToString()), "visits.csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["rows[2502].provider", "rows[2503].visitedAt", "rows[2504].phone", "rows[2505].doNotContact"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal((2504, 4), (problem.GetProperty("rows").GetInt32(), problem.GetProperty("refusedRows").GetInt32()));
        Assert.Contains("nothing of the file was stored", problem.GetProperty("detail").GetString());
        Assert.Empty(await VisitsAsync());
    }

    [Fact]
    public async Task FilesThatAreNotVisitFiles_AreRefusedWithWhatIsWrong()
    {
        var missing = await (await UploadAsync(Encoding.UTF8.GetBytes("name,date\nA,B\n"), "other.csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("visit_id", missing.GetProperty("errors").GetProperty("file")[0].GetString());
        var empty = await (await UploadAsync(Encoding.UTF8.GetBytes("visit_id,provider,visited_at,phone\n"), "empty.csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("file", out _));
        var latin1 = Encoding.Latin1.GetBytes($"visit_id,provider,visited_at,phone\nà-1,{_centre},2026-12-07 10:00,99112233\n");
        await (await UploadAsync(latin1, "latin1.csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await UploadAsync([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "broken.xlsx")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _official.PostAsync("/api/v1/staff/visits/files", new StringContent("{}", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await VisitsAsync());
    }
}
