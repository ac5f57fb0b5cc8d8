using Masam.Web.Tests.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Publications;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Publications;

public sealed class PublicationWorkflowTests : IAsyncLifetime, IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _official = null!;

    public async Task InitializeAsync()
    {
        await PublicationSteps.ArrangeZavkhanQ1Async(_factory);
        await _factory.CreateStaffAsync("zavkhan@masam.test", StaffRoles.LocalOfficial, units: ["181"]);
        _official = await _factory.ClientForAsync("zavkhan@masam.test");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private static Task<JsonElement> DraftAsync(HttpClient client, object request) => PublicationSteps.DraftAsync(client, request);

    private static Task<JsonElement> PublishAsync(HttpClient client, JsonElement draft) => PublicationSteps.PublishAsync(client, draft);

    [Fact]
    public async Task AnEditionPublishedBeforeWeighting_IsUnchangedByTheRecount_WhileTheNextEditionCarriesTheWeightedRate()
    {
        // As an install from before weighting left its figures: no weighted rate; its edition is published from them.
        Task<List<string>> Decisions() => _factory.WithDbAsync(db => db.PublishedCells
            .OrderBy(c => c.Period).ThenBy(c => c.UnitCode).ThenBy(c => c.ProviderId).ThenBy(c => c.Dimension).ThenBy(c => c.Value)
            .Select(c => $"{c.Period} {c.Level} {c.UnitCode} {c.ProviderId} {c.Dimension} {c.Value} {c.Disclosure} {c.C1} {c.C5}").ToListAsync());
        await _factory.WithDbAsync(db => db.PublishedCells.ExecuteUpdateAsync(c => c.SetProperty(x => x.WeightedRate, (double?)null).SetProperty(x => x.EffectiveN, (double?)null)));
        var before = await Decisions();
        var first = await PublishAsync(_official, await DraftAsync(_official, new { period = "2026-Q1", adminUnit = "181" }));
        var anonymous = _factory.CreateClient();
        var files = (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/publications?period=2026-Q1")).EnumerateArray().Single()
            .GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => (Sha256: f.GetProperty("sha256").GetString(), Url: f.GetProperty("url").GetString()!));

        Assert.Equal(JsonValueKind.Null, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181")).GetProperty("cells")[0]
            .GetProperty("weighted").ValueKind);

        // The upgraded app's next run (its figures were of method 3) counts in full, keeps every decision, and adds the weighted rates.
        await _factory.WithDbAsync(db => db.AggregationRuns.ExecuteUpdateAsync(r => r.SetProperty(x => x.MethodVersion, "3")));
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var run = await scope.ServiceProvider.GetRequiredService<FeedbackAggregation>().IncrementalAsync(default);
            Assert.Equal("full", run.Kind);
        }

        Assert.Equal(before, await Decisions());
        var total = (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181")).GetProperty("cells")[0];
        var weighted = total.GetProperty("weighted").GetProperty("rate").GetDouble();

        // Every file of the first edition is served byte for byte as published, and still verifies.
        foreach (var (sha256, url) in files.Values)
        {
            Assert.Equal(sha256, PublicationChain.Sha256(await anonymous.GetByteArrayAsync(url)));
        }

        var oldJson = await anonymous.GetFromJsonAsync<JsonElement>(files["masam-181-2026-q1-e1.json"].Url);
        Assert.Equal(JsonValueKind.Null, oldJson.GetProperty("report").GetProperty("total").GetProperty("weightedRate").ValueKind);

        // The correction drafted now carries the weighted rate, its effective n and the method note.
        var correction = await PublicationSteps.DraftAsync(_official, new { period = "2026-Q1", adminUnit = "181", replaces = first.GetProperty("id").GetInt32(), reason = "Жигнэсэн үзүүлэлт нэмэв" });
        var json = await _official.GetFromJsonAsync<JsonElement>(correction.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString()!.EndsWith("e2.json", StringComparison.Ordinal)).GetProperty("url").GetString());
        Assert.Equal(weighted, json.GetProperty("report").GetProperty("total").GetProperty("weightedRate").GetDouble(), 12);
        Assert.True(json.GetProperty("report").GetProperty("total").GetProperty("effectiveN").GetDouble() > 0);
    }

    [Fact]
    public async Task AnOfficial_PublishesTheirAimagsQuarterlyReport_WhichTheCatalogueListsAndTheVerificationConfirms()
    {
        var draft = await DraftAsync(_official, new { period = "2026-Q1", adminUnit = "181" });
        Assert.Equal(100, draft.GetProperty("progress").GetInt32());
        var names = draft.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("masam-181-2026-q1-e1-mn.xlsx", names);
        Assert.Contains("masam-181-2026-q1-e1-en.pdf", names);
        Assert.Contains("masam-181-2026-q1-e1-providers.csv", names);
        Assert.Contains("masam-181-2026-q1-e1.json", names);
        Assert.Empty((await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/publications")).EnumerateArray());

        var published = await PublishAsync(_official, draft);
        Assert.Equal("published", published.GetProperty("status").GetString());

        var anonymous = _factory.CreateClient();
        var catalogue = Assert.Single((await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/publications?period=2026-Q1")).EnumerateArray());
        Assert.Equal("Завхан", catalogue.GetProperty("adminUnitNameMn").GetString());
        Assert.Null(catalogue.GetProperty("previousSha256").GetString());
        var files = catalogue.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Contains("masam-181-2026-q1-e1-manifest.json", files.Keys);

        // Totals in the workbook equal the figures API; the small soum is suppressed in both.
        var xlsx = await anonymous.GetByteArrayAsync(files["masam-181-2026-q1-e1-mn.xlsx"].GetProperty("url").GetString());
        Assert.Equal(files["masam-181-2026-q1-e1-mn.xlsx"].GetProperty("sha256").GetString(), PublicationChain.Sha256(xlsx));
        var api = (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?period=2026-Q1&adminUnit=181")).GetProperty("cells")[0];
        using (var workbook = new XLWorkbook(new MemoryStream(xlsx)))
        {
            var summary = workbook.Worksheet("Хураангуй");
            var responses = summary.CellsUsed().Single(c => c.GetString() == "Үнэлгээ өгсөн хариулт").CellRight();
            Assert.Equal(api.GetProperty("n").GetInt32(), responses.GetDouble());
            Assert.Equal(api.GetProperty("rate").GetDouble(), responses.CellBelow().GetDouble(), 10);
            // Two soums under a published aimag total: the small one is suppressed, and so is the other, or it would give the small one away.
            var soums = workbook.Worksheet("Нэгжүүд");
            Assert.Equal(["MN18101", "MN18104"], [soums.Cell(2, 1).GetString(), soums.Cell(3, 1).GetString()]);
            Assert.True(soums.Cell(2, 3).IsEmpty() && soums.Cell(3, 3).IsEmpty());
            Assert.Equal(["Нууцалсан (нэмэлт)", "Нууцалсан (n < 10)"], [soums.Cell(2, 10).GetString(), soums.Cell(3, 10).GetString()]);
            Assert.DoesNotContain("99112233", workbook.Worksheet("Хариу арга хэмжээ").Cell(2, 2).GetString());
        }

        var csv = Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync(files["masam-181-2026-q1-e1-units.csv"].GetProperty("url").GetString()));
        Assert.Contains("MN18104,", csv);
        Assert.Contains(",,,,,,,,", csv);
        var json = await anonymous.GetFromJsonAsync<JsonElement>(files["masam-181-2026-q1-e1.json"].GetProperty("url").GetString());
        Assert.Equal(15, json.GetProperty("report").GetProperty("total").GetProperty("n").GetInt32());

        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/publications/verify?sha256={PublicationChain.Sha256(xlsx)}");
        Assert.True(verified.GetProperty("found").GetBoolean());
        Assert.True(verified.GetProperty("current").GetBoolean());

        xlsx[^10] ^= 0xFF; // one changed byte
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(xlsx), "file", "report.xlsx" } };
        var tampered = await (await anonymous.PostAsync("/api/v1/publications/verify", upload)).ReadJsonAsync();
        Assert.False(tampered.GetProperty("found").GetBoolean());

        var page = await anonymous.GetStringAsync("/reports?period=2026-Q1");
        Assert.Contains(files["masam-181-2026-q1-e1-mn.pdf"].GetProperty("sha256").GetString()!, page);
        Assert.Contains("/reports/2026-Q1/all.zip", page);
        var verifyPage = await anonymous.GetStringAsync($"/reports/verify?sha256={files["masam-181-2026-q1-e1-en.pdf"].GetProperty("sha256").GetString()}");
        Assert.Contains("masam-181-2026-q1-e1-en.pdf", verifyPage);

        var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await anonymous.GetByteArrayAsync("/reports/2026-Q1/all.zip")));
        Assert.Equal(files.Keys.Order(), zip.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public async Task APublishedReport_RefusesChange_AndACorrectionSupersedesIt_WhileTheOldFilesStayDownloadable()
    {
        var first = await PublishAsync(_official, await DraftAsync(_official, new { period = "2026-Q1", adminUnit = "181" }));
        var id = first.GetProperty("id").GetInt32();

        await (await _official.PostAsJsonAsync($"/api/v1/staff/publications/{id}/publish", new { version = first.GetProperty("version").GetInt32() }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await _official.DeleteAsync($"/api/v1/staff/publications/{id}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await _official.PostAsJsonAsync("/api/v1/staff/publications", new { period = "2026-Q1", adminUnit = "181" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        var noReason = await (await _official.PostAsJsonAsync("/api/v1/staff/publications", new { period = "2026-Q1", adminUnit = "181", replaces = id }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noReason.FieldErrors("reason"));

        var correction = await DraftAsync(_official, new { period = "2026-Q1", adminUnit = "181", replaces = id, reason = "Нэг сумын тоо буруу орсон" });
        Assert.Equal(2, correction.GetProperty("edition").GetInt32());
        var second = await PublishAsync(_official, correction);

        var anonymous = _factory.CreateClient();
        var old = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/publications/{id}");
        Assert.Equal("superseded", old.GetProperty("status").GetString());
        Assert.Equal(second.GetProperty("id").GetInt32(), old.GetProperty("supersededBy").GetInt32());
        // The JSON names its edition, so it differs between the two; a file whose bytes did not change belongs to both.
        var oldFile = old.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("format").GetString() == "json");
        var bytes = await anonymous.GetByteArrayAsync(oldFile.GetProperty("url").GetString());
        Assert.Equal(oldFile.GetProperty("sha256").GetString(), PublicationChain.Sha256(bytes));
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/publications/verify?sha256={oldFile.GetProperty("sha256").GetString()}");
        Assert.False(verified.GetProperty("current").GetBoolean());

        var current = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/publications/{second.GetProperty("id").GetInt32()}");
        Assert.Equal(old.GetProperty("recordSha256").GetString(), current.GetProperty("previousSha256").GetString());
        var chain = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/publications/chain");
        Assert.True(chain.GetProperty("intact").GetBoolean());
        Assert.Equal(2, chain.GetProperty("length").GetInt32());

        // A record changed behind the chain's back breaks it, and the check says where.
        await _factory.WithDbAsync(db => db.Publications.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ManifestSha256, new string('0', 64))));
        var broken = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/publications/chain");
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(id, broken.GetProperty("firstBroken").GetInt32());
    }

    [Fact]
    public async Task OfficialsPublishOnlyForTheirOwnUnit_AndTheNationalReportIsTheMinistrys()
    {
        await (await _official.PostAsJsonAsync("/api/v1/staff/publications", new { period = "2026-Q1", adminUnit = "267" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await _official.PostAsJsonAsync("/api/v1/staff/publications", new { period = "2026-Q1" })).AssertProblemAsync(HttpStatusCode.Forbidden);

        await _factory.CreateStaffAsync("analyst@masam.test", StaffRoles.MinistryAnalyst);
        var analyst = await _factory.ClientForAsync("analyst@masam.test");
        var national = await PublishAsync(analyst, await DraftAsync(analyst, new { period = "2026-Q1" }));
        Assert.Null(national.GetProperty("adminUnit").GetString());

        // The official does not see the national draft's workings either.
        Assert.Equal(HttpStatusCode.NotFound, (await _official.GetAsync($"/api/v1/staff/publications/{national.GetProperty("id").GetInt32()}")).StatusCode);
        await _factory.CreateStaffAsync("cso@masam.test", StaffRoles.CsoFacilitator, units: ["181"]);
        var cso = await _factory.ClientForAsync("cso@masam.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await cso.PostAsJsonAsync("/api/v1/staff/publications", new { period = "2026-Q1", adminUnit = "181" })).StatusCode);
    }

    [Theory]
    [InlineData("{\"period\":\"2026-03\",\"adminUnit\":\"181\"}", "period")]
    [InlineData("{\"period\":\"last quarter\",\"adminUnit\":\"181\"}", "period")]
    [InlineData("{\"period\":\"2099-Q1\",\"adminUnit\":\"181\"}", "period")]
    [InlineData("{\"period\":\"2026-Q1\",\"adminUnit\":\"999\"}", "adminUnit")]
    [InlineData("{\"period\":\"2026-Q1\",\"adminUnit\":\"MN18101\"}", "adminUnit")]
    [InlineData("{\"period\":\"2026-Q1\",\"adminUnit\":\"181\",\"colour\":\"red\"}", "colour")]
    public async Task BadDraftRequests_AreNamed_AndStoreNothing(string body, string field)
    {
        var response = await _official.PostAsync("/api/v1/staff/publications", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Publications.CountAsync()));
    }

    [Fact]
    public async Task Verification_NamesABadHash_AndAnEmptyUpload()
    {
        var anonymous = _factory.CreateClient();
        Assert.NotEmpty((await (await anonymous.GetAsync("/api/v1/publications/verify?sha256=xyz")).AssertProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("sha256"));
        Assert.NotEmpty((await (await anonymous.PostAsync("/api/v1/publications/verify", new MultipartFormDataContent())).AssertProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("file"));
        var unknown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/publications/verify?sha256={new string('a', 64)}");
        Assert.False(unknown.GetProperty("found").GetBoolean());
    }
}

/// <summary>Drafting through the API and waiting for the background job, then publishing.</summary>
public static class PublicationSteps
{
    /// <summary>Feedback of March 2026 in two Zavkhan soums (one too small to show) and a done action, counted.</summary>
    public static async Task ArrangeZavkhanQ1Async(MasamAppFactory factory)
    {
        var uliastai = await factory.AddProviderAsync("MN18101", nameMn: "Улиастай сумын Нэг цэгийн үйлчилгээний төв");
        var other = await factory.AddProviderAsync("MN18104", type: "soum-health-centre", nameMn: "Сумын эрүүл мэндийн төв");
        var march = MongolianTime.ToUtc(new DateTime(2026, 3, 10, 12, 0, 0));
        await factory.WithDbAsync(async db =>
        {
            foreach (var (provider, scores) in new[] { (uliastai, new[] { 5, 5, 4, 4, 4, 4, 3, 2, 1, 5, 4, 4 }), (other, new[] { 2, 3, 4 }) })
            {
                db.Feedback.AddRange(scores.Select(score => new FeedbackItem
                {
                    TrackingCode = TrackingCodes.New(), ProviderId = provider, AimagCode = db.AimagOf(provider), Score = score, Channel = FeedbackChannel.Web, Status = FeedbackStatus.Received,
                    ReceivedAt = march, ReceivedMonth = MongolianTime.MonthOf(march), UpdatedAt = march, DueAt = AnswerDeadline.DueFor(march),
                }));
            }

            var unit = await db.AdminUnits.SingleAsync(u => u.Code == "MN18101");
            db.ResponseActions.Add(new Masam.Web.Features.Actions.ResponseAction
            {
                Title = "Хүлээлгийн танхимд сандал нэмэх; утас 99112233", AdminUnitId = unit.Id, ResponsibleProviderId = uliastai,
                DueOn = new DateOnly(2026, 3, 25), Status = Masam.Web.Features.Actions.ActionStatus.Done, CompletedAt = march, CostMnt = 1_200_000m,
                FundingSource = "Орон нутгийн хөгжлийн сан", CreatedAt = march, UpdatedAt = march,
            });
            await db.SaveChangesAsync();
        });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FeedbackAggregation>().FullAsync(default);
        }
    }

    public static async Task<JsonElement> DraftAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/v1/staff/publications", request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
        JsonElement state = default;
        var drafted = await Eventually.WaitAsync(async () =>
        {
            state = await client.GetFromJsonAsync<JsonElement>($"/api/v1/staff/publications/{id}");
            Assert.NotEqual("failed", state.GetProperty("status").GetString());
            return state.GetProperty("status").GetString() == "draft";
        });
        if (drafted) return state;

        throw new TimeoutException($"publication {id} was not drafted");
    }

    public static async Task<JsonElement> PublishAsync(HttpClient client, JsonElement draft)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/staff/publications/{draft.GetProperty("id").GetInt32()}/publish",
            new { version = draft.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}

public sealed class PublicationSigningTests : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"masam-signing-{Guid.NewGuid():N}.pem");
    private readonly MasamAppFactory _factory;

    public PublicationSigningTests()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        File.WriteAllText(_keyFile, key.ExportPkcs8PrivateKeyPem());
        _factory = new MasamAppFactory(("Masam:Publications:SigningKeyPath", _keyFile));
    }

    public void Dispose()
    {
        _factory.Dispose();
        File.Delete(_keyFile);
    }

    [Fact]
    public async Task WithASigningKey_TheManifestIsSigned_AndAnyoneCanCheckItWithThePublishedKey()
    {
        await _factory.AddProviderAsync("MN18101");
        await _factory.CreateStaffAsync("analyst@masam.test", StaffRoles.MinistryAnalyst);
        var analyst = await _factory.ClientForAsync("analyst@masam.test");
        var id = (await PublicationSteps.PublishAsync(analyst, await PublicationSteps.DraftAsync(analyst, new { period = "2026-Q2" }))).GetProperty("id").GetInt32();

        var anonymous = _factory.CreateClient();
        var publication = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/publications/{id}");
        var manifestFile = publication.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("format").GetString() == "manifest");
        var manifest = await anonymous.GetByteArrayAsync(manifestFile.GetProperty("url").GetString());
        var publicKey = await anonymous.GetStringAsync("/reports/signing-key.pem");

        Assert.Equal(publication.GetProperty("manifestSha256").GetString(), PublicationChain.Sha256(manifest));
        Assert.True(PublicationSigner.Verify(publicKey, manifest, publication.GetProperty("signature").GetString()!));
        manifest[10] ^= 1;
        Assert.False(PublicationSigner.Verify(publicKey, manifest, publication.GetProperty("signature").GetString()!));
        using var listed = JsonDocument.Parse(await anonymous.GetByteArrayAsync(manifestFile.GetProperty("url").GetString()));
        Assert.Equal(publication.GetProperty("files").GetArrayLength() - 1, listed.RootElement.GetProperty("files").GetArrayLength());
    }
}
