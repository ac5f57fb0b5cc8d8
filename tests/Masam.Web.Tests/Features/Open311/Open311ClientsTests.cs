using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Masam.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Open311;

/// <summary>Admin issues and revokes Open311 keys, by the API and the page; each audited, the key itself kept nowhere.</summary>
public sealed partial class Open311ClientsTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        _admin = await _factory.ClientForAsync("admin@test.mn");
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Admin_IssuesAKey_ShownOnce_ThatWorksUntilRevoked_AllAudited()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/admin/open311/clients", new { name = "FixMyStreet Mongolia" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await created.ReadJsonAsync();
        var key = issued.GetProperty("key").GetString()!;
        var id = issued.GetProperty("client").GetProperty("id").GetInt32();
        Assert.Equal(32, key.Length);
        Assert.Equal(key[..6], issued.GetProperty("client").GetProperty("keyHint").GetString());

        var list = await (await _admin.GetAsync("/api/v1/admin/open311/clients")).Content.ReadAsStringAsync();
        Assert.Contains("FixMyStreet Mongolia", list);
        Assert.DoesNotContain(key, list);
        var anonymous = _factory.CreateClient();
        Task<HttpResponseMessage> PostWithKey() => anonymous.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = key }));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWithKey()).StatusCode); // the key is good: the request is not

        var revoked = await (await _admin.PostAsync($"/api/v1/admin/open311/clients/{id}/revoke", null)).ReadJsonAsync();
        Assert.False(revoked.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostWithKey()).StatusCode);
        await (await _admin.PostAsync($"/api/v1/admin/open311/clients/{id}/revoke", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await _admin.PostAsync("/api/v1/admin/open311/clients/9999/revoke", null)).AssertProblemAsync(HttpStatusCode.NotFound);

        var audit = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Open311Client").OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(["open311.key.issue", "open311.key.revoke"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal("admin@test.mn", e.ActorName));
        Assert.All(audit, e => Assert.DoesNotContain(key, e.After + e.Before));
        var stored = await _factory.WithDbAsync(db => db.Set<Masam.Web.Features.Open311.Open311Client>().SingleAsync());
        Assert.NotEqual(key, stored.KeyHash);
    }

    [Fact]
    public async Task ANameIsNeeded_AndAnActiveClientsNameIsNotGivenTwice()
    {
        var problem = await (await _admin.PostAsJsonAsync("/api/v1/admin/open311/clients", new { name = " " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("name"));
        (await _admin.PostAsJsonAsync("/api/v1/admin/open311/clients", new { name = "City CRM" })).EnsureSuccessStatusCode();
        var twice = await (await _admin.PostAsJsonAsync("/api/v1/admin/open311/clients", new { name = "City CRM" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("City CRM", Assert.Single(twice.FieldErrors("name")));
        Assert.Single(await _factory.WithDbAsync(db => db.Set<Masam.Web.Features.Open311.Open311Client>().ToListAsync()));
    }

    [Fact]
    public async Task OnlyAdminManagesKeys()
    {
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        var analyst = await _factory.ClientForAsync("analyst@test.mn");

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/admin/open311/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/v1/admin/open311/clients", new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/v1/admin/open311/clients")).StatusCode);
    }

    [Fact]
    public async Task ThePage_IssuesAKey_ShowsItOnce_AndRevokes()
    {
        var browser = _factory.CreateClient(new() { AllowAutoRedirect = false });
        await browser.PostFormAsync("/account/sign-in", new() { ["Email"] = "admin@test.mn", ["Password"] = StaffTestAccounts.Password });

        var issued = await browser.PostFormAsync("/admin/open311?handler=Issue", new() { ["Name"] = "Ulaanbaatar 1800" }, formPage: "/admin/open311");

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.True(issued.Headers.CacheControl?.NoStore);
        var key = KeyOnPage().Match(await issued.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Equal(32, key.Length);
        var again = await (await browser.GetAsync("/admin/open311")).Content.ReadAsStringAsync();
        Assert.Contains("Ulaanbaatar 1800", again);
        Assert.DoesNotContain(key, again);

        var empty = await browser.PostFormAsync("/admin/open311?handler=Issue", new() { ["Name"] = "" }, formPage: "/admin/open311");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var id = await _factory.WithDbAsync(db => db.Set<Masam.Web.Features.Open311.Open311Client>().Select(c => c.Id).SingleAsync());
        var revoked = await browser.PostFormAsync($"/admin/open311?handler=Revoke&id={id}", [], formPage: "/admin/open311");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.NotNull(await _factory.WithDbAsync(db => db.Set<Masam.Web.Features.Open311.Open311Client>().Select(c => c.RevokedAt).SingleAsync()));
    }

    [GeneratedRegex("<code class=\"key\">([^<]+)</code>")]
    private static partial Regex KeyOnPage();
}
