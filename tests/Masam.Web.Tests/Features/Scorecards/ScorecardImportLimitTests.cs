using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Scorecards;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Masam.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Scorecards;

/// <summary>
/// A small file that unpacks to a great deal, an archive of many files, a record too long for the
/// reader, a file over the size limit on the page: each refused with the limit named, nothing stored.
/// </summary>
public sealed class ScorecardImportLimitTests : IAsyncLifetime, IDisposable
{
    private const int UnpackedLimit = 4 * 1024 * 1024;

    private readonly MasamAppFactory _factory = new(
        ("Masam:Scorecards:ImportMaxBytes", "300000"), ("Masam:Scorecards:ImportMaxUnpackedBytes", UnpackedLimit.ToString()));
    private HttpClient _cso = null!;
    private int _cycle;

    public async Task InitializeAsync() => (_cso, _cycle) = await ScorecardArrange.CycleAtCommunityScoringAsync(_factory);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> ImportAsync(byte[] file, string format) => _cso.PostAsync($"/api/v1/staff/scorecards/{_cycle}/imports", new MultipartFormDataContent
    {
        { new ByteArrayContent(file), "file", "export" },
        { new StringContent(format), "format" },
    });

    /// <summary>A zip of the given entries, each its head and then its body written the given number of times.</summary>
    private static byte[] Zip(params (string Name, string Head, string Body, int Times)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, head, body, times) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(Encoding.UTF8.GetBytes(head));
                var bytes = Encoding.UTF8.GetBytes(body);
                for (var i = 0; i < times; i++) entry.Write(bytes);
            }
        }

        return stream.ToArray();
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, string limit)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors("file"), m => m.Contains(limit, StringComparison.Ordinal));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.FocusGroups.CountAsync()));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.GroupScores.CountAsync()));
    }

    [Fact]
    public async Task AnOdkZipThatUnpacksBeyondTheLimit_IsRefused_NamingIt()
    {
        var large = Zip(("csc_focus_group.csv", "group_type,participants,meta-instanceID,KEY\n", "women,12,uuid:a,uuid:a\n", 1),
            ("csc_focus_group-scores.csv", "indicator,score,PARENT_KEY,KEY\n", "health-medicines,3,uuid:a,k\n", 2 * UnpackedLimit / 28));
        Assert.True(large.Length < 300_000, $"the test's zip is {large.Length} bytes");

        await AssertRefusedAsync(await ImportAsync(large, "odk"), "Masam:Scorecards:ImportMaxUnpackedBytes");
    }

    [Fact]
    public async Task AKoboWorkbookThatUnpacksBeyondTheLimit_IsRefused_BeforeItIsOpened()
    {
        var workbook = Zip(("[Content_Types].xml", "<Types/>", "", 0), ("xl/worksheets/sheet1.xml", "<sheetData>", "<row><c><v>1</v></c></row>", 2 * UnpackedLimit / 26));

        await AssertRefusedAsync(await ImportAsync(workbook, "kobo"), "Masam:Scorecards:ImportMaxUnpackedBytes");
    }

    [Fact]
    public async Task AnArchiveOfManyFiles_IsRefused_NamingTheLimit()
    {
        var many = Zip(Enumerable.Range(0, 201).Select(i => ($"part-{i}.csv", "a,b\n", "", 0)).ToArray());

        await AssertRefusedAsync(await ImportAsync(many, "odk"), "Masam:Scorecards:ImportMaxEntries");
    }

    [Fact]
    public async Task ARecordTooLongForTheReader_IsABadFile_NotAServerError()
    {
        var record = Zip(("csc_focus_group.csv", "group_type,participants,meta-instanceID,KEY\nwomen,12,\"", "x", 2 * 1024 * 1024),
            ("csc_focus_group-scores.csv", "indicator,score,PARENT_KEY,KEY\n", "", 0));

        var response = await ImportAsync(record, "odk");

        await AssertRefusedAsync(response, "1024");
    }

    [Fact]
    public async Task ThePageForm_KeepsTheSameSizeLimitAsTheApi()
    {
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await browser.PostFormAsync("/account/sign-in", new() { ["Email"] = "cso@test.mn", ["Password"] = StaffTestAccounts.Password });
        var page = $"/staff/scorecards/{_cycle}";
        var token = PageForms.AntiforgeryTokenIn(await browser.GetStringAsync(page));
        var tooLarge = new byte[300_001];
        Random.Shared.NextBytes(tooLarge);

        var response = await browser.PostAsync($"{page}?handler=Import", new MultipartFormDataContent
        {
            { new ByteArrayContent(tooLarge), "file", "odk.zip" },
            { new StringContent("odk"), "format" },
            { new StringContent(token), "__RequestVerificationToken" },
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("292", await response.Content.ReadAsStringAsync()); // 300,000 bytes is 292 KB
        Assert.Equal(413, (int)(await ImportAsync(tooLarge, "odk")).StatusCode);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.FocusGroups.CountAsync()));
    }
}
