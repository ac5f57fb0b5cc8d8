using System.Net;
using Masam.Web.Features.Accounts;
using Masam.Web.Tests.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Pages;

public sealed class StaffPagesTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private readonly HttpClient _client;

    public StaffPagesTests() =>
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task StaffHome_SendsAnonymousReadersToSignIn()
    {
        var response = await _client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignInPage_SignsInWithACookie_AndShowsRoleAndScope()
    {
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);

        var signIn = await _client.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/staff", signIn.Headers.Location?.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masam.staff="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var home = await _client.GetStringAsync("/staff");
        Assert.Contains("Орон нутгийн албан тушаалтан", home);
        Assert.Contains("Завхан", home);
    }

    [Fact]
    public async Task WhereToWorkNext_IsForNationalStaff_ALocalOfficialHasNeitherTheLinkNorThePage()
    {
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        await _client.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });

        Assert.DoesNotContain("/staff/targeting", await _client.GetStringAsync("/staff"));
        var page = await _client.GetAsync("/staff/targeting?period=2026-Q1");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("table class=\"targeting", await page.Content.ReadAsStringAsync());

        using var analystClient = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        await analystClient.PostFormAsync("/account/sign-in", new() { ["Email"] = "analyst@test.mn", ["Password"] = StaffTestAccounts.Password });
        Assert.Contains("/staff/targeting", await analystClient.GetStringAsync("/staff"));
        Assert.Equal(HttpStatusCode.OK, (await analystClient.GetAsync("/staff/targeting?period=2026-Q1")).StatusCode);
    }

    [Fact]
    public async Task SignInPage_RefusesAWrongPassword()
    {
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);

        var response = await _client.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = "wrong password here" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("И-мэйл эсвэл нууц үг буруу байна.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignInForm_WithoutItsAntiforgeryToken_IsRefused()
    {
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);

        var response = await _client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AdminPages_AreForAdminsOnly()
    {
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        await _client.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });

        foreach (var page in new[] { "/admin/users", "/scalar", "/jobs" })
        {
            var response = await _client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/denied", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task AdminUsersPage_CreatesAndDisablesAccounts()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        await _client.PostFormAsync("/account/sign-in", new() { ["Email"] = "admin@test.mn", ["Password"] = StaffTestAccounts.Password });
        var reference = await _client.GetAsync("/scalar/");
        Assert.True(reference.StatusCode == HttpStatusCode.OK, $"{reference.StatusCode} {reference.Headers.Location}");
        var jobs = await _client.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.Contains("overdue-check", await jobs.Content.ReadAsStringAsync());

        var created = await _client.PostFormAsync("/admin/users?handler=Create", new()
        {
            ["Input.Email"] = "cso@test.mn", ["Input.DisplayName"] = "Оюунаа", ["Input.Password"] = StaffTestAccounts.Password,
            ["Input.Role"] = StaffRoles.CsoFacilitator, ["Input.AdminUnits"] = "267, 181",
        }, formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var account = await _factory.WithDbAsync(db => db.Users.Include(u => u.Assignments).SingleAsync(u => u.Email == "cso@test.mn"));
        Assert.Equal(2, account.Assignments.Count);

        var disabled = await _client.PostFormAsync($"/admin/users?handler=Disable&id={account.Id}&disable=true", [], formPage: "/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.True(await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Fact]
    public async Task AdminUsersPage_ShowsWhatIsWrong_WithAScopeThatDoesNotFitTheRole()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        await _client.PostFormAsync("/account/sign-in", new() { ["Email"] = "admin@test.mn", ["Password"] = StaffTestAccounts.Password });

        var response = await _client.PostFormAsync("/admin/users?handler=Create", new()
        {
            ["Input.Email"] = "official@test.mn", ["Input.DisplayName"] = "Бат", ["Input.Password"] = StaffTestAccounts.Password,
            ["Input.Role"] = StaffRoles.LocalOfficial, ["Input.AdminUnits"] = "181, 267",
        }, formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("яг нэг засаг захиргааны нэгж", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminUsersPage_ChoosesNoRoleForTheAdmin_PicksScopesByName_AndOffersNoSelfDisable()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        await _factory.CreateStaffAsync("other@test.mn", StaffRoles.MinistryAnalyst);
        await _client.PostFormAsync("/account/sign-in", new() { ["Email"] = "admin@test.mn", ["Password"] = StaffTestAccounts.Password });

        var page = await _client.GetStringAsync("/admin/users");
        Assert.Contains("<option value=\"\">— Сонгоно уу —</option>", page);
        Assert.DoesNotContain("selected=\"selected\">Администратор", page);
        Assert.Contains("<optgroup label=\"Завхан\">", page);
        Assert.Contains(">Улиастай</option>", page);
        // One disable button: the other account's, not the Admin's own.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "handler=Disable"));
        Assert.Contains("Та өөрөө", page);

        var response = await _client.PostFormAsync("/admin/users?handler=Create", new()
        {
            ["Input.Email"] = "manager@test.mn", ["Input.DisplayName"] = "Сараа", ["Input.Password"] = StaffTestAccounts.Password,
            ["Input.Role"] = StaffRoles.ProviderManager, ["Input.Providers"] = "NO-SUCH-CODE",
        }, formPage: "/admin/users");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#f-providers\">", html);
        Assert.Contains("<p class=\"field-error\" id=\"e-providers\">&#x27;NO-SUCH-CODE&#x27; код эсвэл дугаартай байгууллага олдсонгүй.</p>", html);
        Assert.Contains("value=\"NO-SUCH-CODE\"", html);
        Assert.Contains("<option value=\"ProviderManager\" selected=\"selected\">", html);
        Assert.False(await _factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "manager@test.mn")));
    }

    [Fact]
    public async Task Pages_CarrySecurityHeaders()
    {
        var response = await _client.GetAsync("/feedback");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
