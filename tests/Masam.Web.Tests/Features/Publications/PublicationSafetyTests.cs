using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Publications;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Publications;

/// <summary>
/// What keeps the published files honest and cheap to serve: discarding a draft cannot race
/// publishing; a file changed on disk is refused, named by the chain check and by the daily job;
/// a period's archive is built once; a verification upload is no larger than a published file.
/// </summary>
public sealed class PublicationSafetyTests : IAsyncLifetime, IDisposable
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

    private async Task<(int Id, Dictionary<string, JsonElement> Files)> PublishedAsync()
    {
        var published = await PublicationSteps.PublishAsync(_official, await PublicationSteps.DraftAsync(_official, new { period = "2026-Q1", adminUnit = "181" }));
        var id = published.GetProperty("id").GetInt32();
        var view = await _factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/publications/{id}");
        return (id, view.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!));
    }

    private string PublishedPath(int id, string name) => _factory.Services.GetRequiredService<PublishedFiles>().PathOf(id, name);

    [Fact]
    public async Task DiscardingADraft_IsAudited_AndAPublishedReportCannotBeDiscarded()
    {
        var draft = await PublicationSteps.DraftAsync(_official, new { period = "2026-Q1", adminUnit = "181" });
        var id = draft.GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await _official.DeleteAsync($"/api/v1/staff/publications/{id}")).StatusCode);
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "publication.discard"));
        Assert.Equal(id.ToString(), entry.EntityId);
        Assert.Contains("2026-Q1", entry.Before);

        var (published, _) = await PublishedAsync();
        var refused = await _official.DeleteAsync($"/api/v1/staff/publications/{published}");
        await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(PublicationStatus.Published, await _factory.WithDbAsync(db => db.Publications.Where(p => p.Id == published).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task PublishAndDiscardSentTogether_OneWins_AndNothingIsLeftHalfDone()
    {
        var draft = await PublicationSteps.DraftAsync(_official, new { period = "2026-Q1", adminUnit = "181" });
        var id = draft.GetProperty("id").GetInt32();

        var publish = _official.PostAsJsonAsync($"/api/v1/staff/publications/{id}/publish", new { version = draft.GetProperty("version").GetInt32() });
        var discard = _official.DeleteAsync($"/api/v1/staff/publications/{id}");
        var answers = await Task.WhenAll(publish, discard);

        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, $"{a.StatusCode}: {a.Content.ReadAsStringAsync().Result}"));
        var status = await _factory.WithDbAsync(db => db.Publications.Where(p => p.Id == id).Select(p => (PublicationStatus?)p.Status).SingleOrDefaultAsync());
        var folder = Path.GetDirectoryName(PublishedPath(id, "x"))!;
        if (status is null)
        {
            Assert.Equal(HttpStatusCode.NoContent, answers[1].StatusCode);
            Assert.False(Directory.Exists(folder), "a discarded draft left a published folder");
        }
        else
        {
            Assert.Equal(PublicationStatus.Published, status);
            Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, answers[1].StatusCode);
            Assert.True(Directory.Exists(folder));
        }
    }

    [Fact]
    public async Task AFileChangedOnDisk_IsNotServed_AndTheChainCheckAndTheDailyJobNameIt()
    {
        var (id, files) = await PublishedAsync();
        var anonymous = _factory.CreateClient();
        var csv = files.Keys.Single(n => n.EndsWith("-units.csv", StringComparison.Ordinal));
        var url = files[csv].GetProperty("url").GetString();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        Assert.True((await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/publications/chain")).GetProperty("intact").GetBoolean());

        await File.AppendAllTextAsync(PublishedPath(id, csv), "MN18199,Зохиомол,5,5.0\n");

        var refused = await (await anonymous.GetAsync(url)).AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Contains(csv, refused.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, (await anonymous.GetAsync("/reports/2026-Q1/all.zip")).StatusCode);
        var chain = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/publications/chain");
        Assert.False(chain.GetProperty("intact").GetBoolean());
        Assert.Equal(JsonValueKind.Null, chain.GetProperty("firstBroken").ValueKind);
        Assert.Equal([$"{id}/{csv}"], chain.GetProperty("damagedFiles").EnumerateArray().Select(f => f.GetString()));

        await _factory.CreateStaffAsync("admin@masam.test", StaffRoles.Admin);
        var admin = await _factory.ClientForAsync("admin@masam.test");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/api/v1/admin/publications/integrity")).StatusCode);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublicationIntegrityCheck>().ExecuteAsync(default);
        }

        var latest = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/publications/integrity");
        Assert.False(latest.GetProperty("result").GetProperty("intact").GetBoolean());
        Assert.Equal($"{id}/{csv}", latest.GetProperty("result").GetProperty("damagedFiles")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _official.GetAsync("/api/v1/admin/publications/integrity")).StatusCode);
    }

    [Fact]
    public async Task APeriodsArchive_IsBuiltOnce_AndAgainOnlyForANewSetOfPublications()
    {
        await PublishedAsync();
        var anonymous = _factory.CreateClient();
        var archives = Path.Combine(_factory.Services.GetRequiredService<PublishedFiles>().Root, "archives");

        var first = await anonymous.GetByteArrayAsync("/reports/2026-Q1/all.zip");
        var built = Assert.Single(Directory.GetFiles(archives));
        var builtAt = File.GetLastWriteTimeUtc(built);
        var second = await anonymous.GetByteArrayAsync("/reports/2026-Q1/all.zip");

        Assert.Equal(first, second);
        Assert.Equal(builtAt, File.GetLastWriteTimeUtc(Assert.Single(Directory.GetFiles(archives))));

        await _factory.CreateStaffAsync("ministry@masam.test", StaffRoles.MinistryAnalyst);
        var ministry = await _factory.ClientForAsync("ministry@masam.test");
        await PublicationSteps.PublishAsync(ministry, await PublicationSteps.DraftAsync(ministry, new { period = "2026-Q1" }));
        var third = new System.IO.Compression.ZipArchive(new MemoryStream(await anonymous.GetByteArrayAsync("/reports/2026-Q1/all.zip")));

        Assert.Equal(2, Directory.GetFiles(archives).Length);
        Assert.Contains(third.Entries, e => e.FullName.StartsWith("masam-national-2026-q1-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVerificationUpload_IsNoLargerThanTheLargestPublishedFile()
    {
        var (_, files) = await PublishedAsync();
        var largest = files.Values.Max(f => f.GetProperty("size").GetInt64());
        var limit = Math.Max(largest, 1024 * 1024);
        var anonymous = _factory.CreateClient();

        var tooLarge = await anonymous.PostAsync("/api/v1/publications/verify", new ByteArrayContent(new byte[limit + 1]));
        var fits = await anonymous.PostAsync("/api/v1/publications/verify", new ByteArrayContent(new byte[limit]));

        await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.False((await fits.ReadJsonAsync()).GetProperty("found").GetBoolean());
    }

    [Fact]
    public async Task TheArchiveAndTheVerification_AreLimitedPerAddress()
    {
        using var limited = new MasamAppFactory(("Masam:RateLimit:DownloadsPerMinute", "2"));
        var anonymous = limited.CreateClient();

        for (var i = 0; i < 2; i++) await anonymous.GetAsync("/reports/2026-Q1/all.zip");
        var zip = await anonymous.GetAsync("/reports/2026-Q1/all.zip");
        var verify = await anonymous.PostAsync("/api/v1/publications/verify", new ByteArrayContent([1, 2, 3]));

        await zip.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(zip.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, verify.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/publications")).StatusCode);
    }
}
