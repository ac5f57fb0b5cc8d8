using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masam.Tests.Shared;
using Masam.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app (checked here with Otp.NET, as a real app would
/// compute the codes): setting it up by API and page, signing in with a code or a recovery code,
/// each code taken once, an Admin kept to setting it up until they have it, and an Admin's reset.
/// </summary>
public sealed class TwoFactorTests
{
    private const string Official = "official@test.mn";
    private const string Admin = "admin@test.mn";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    /// <summary>An app on the fake clock; <paramref name="settings"/> as shipped unless a test says otherwise.</summary>
    private MasamAppFactory App(params (string, string?)[] settings)
    {
        var factory = new MasamAppFactory(settings);
        factory.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddress>();
        };
        return factory;
    }

    /// <summary>Admin must have a second factor, as appsettings.json ships (the test factory turns it off for other tests).</summary>
    private MasamAppFactory AppAsShipped() => App(("Masam:Accounts:RequireAdminTwoFactor", "true"));

    private static Task<HttpResponseMessage> SignIn(
        HttpClient client, string email, string? code = null, string? recovery = null, string password = StaffTestAccounts.Password, string from = "198.51.100.1") =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-in")
        {
            Content = JsonContent.Create(new { email, password, twoFactorCode = code, twoFactorRecoveryCode = recovery }),
            Headers = { { "X-Client", from } },
        });

    private static async Task<HttpClient> BearerAsync(MasamAppFactory factory, HttpResponseMessage signedIn)
    {
        var body = await signedIn.Content.ReadAsStringAsync();
        Assert.True(signedIn.IsSuccessStatusCode, body);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    [Fact]
    public async Task AnAuthenticatorsCode_TurnsItOn_AndThenSignInNeedsPasswordAndCode()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var client = await factory.ClientForAsync(Official);

        var before = await (await client.GetAsync("/api/v1/account/two-factor")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(before.GetProperty("enabled").GetBoolean());
        Assert.False(before.GetProperty("required").GetBoolean());

        var setup = await (await client.PostAsync("/api/v1/account/two-factor/authenticator", null)).Content.ReadFromJsonAsync<JsonElement>();
        var uri = setup.GetProperty("authenticatorUri").GetString()!;
        var key = setup.GetProperty("sharedKey").GetString()!;
        Assert.StartsWith("otpauth://totp/Masam%3Aofficial%40test.mn?secret=", uri);
        Assert.Contains("secret=" + key.Replace(" ", "").ToUpperInvariant() + "&issuer=Masam", uri);
        var app = new Authenticator(key, _clock);

        // A wrong code, one of a past step, no code: 400 naming the field, and nothing is on.
        foreach (var wrong in new[] { "000000", app.At(TimeSpan.FromMinutes(-5)), "", "12345a", "1234567" })
        {
            var refused = await (await client.PostAsJsonAsync("/api/v1/account/two-factor/authenticator/confirm", new { code = wrong }))
                .AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("code", out _), wrong);
        }

        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.TwoFactorEnabled)));

        var confirmed = await client.PostAsJsonAsync("/api/v1/account/two-factor/authenticator/confirm", new { code = app.Next() });
        var codes = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Distinct().Count());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "account.two-factor.enable")));

        // Turning it on ended the session that did it: sign in again, now with a code.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/account/two-factor")).StatusCode);
        var anonymous = factory.CreateClient();
        var passwordOnly = await (await SignIn(anonymous, Official)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(passwordOnly.GetProperty("twoFactorRequired").GetBoolean());
        var wrongCode = await (await SignIn(anonymous, Official, code: "123456")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(wrongCode.GetProperty("twoFactorRequired").GetBoolean());
        Assert.NotEqual(passwordOnly.GetProperty("detail").GetString(), wrongCode.GetProperty("detail").GetString());
        // A right code with a wrong password says only that the password is wrong.
        var wrongPassword = await (await SignIn(anonymous, Official, code: app.Current(), password: "not the password at all")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(wrongPassword.TryGetProperty("twoFactorRequired", out _));

        var code = app.Next();
        var signedIn = await BearerAsync(factory, await SignIn(anonymous, Official, code: code));
        var after = await (await signedIn.GetAsync("/api/v1/account/two-factor")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(after.GetProperty("enabled").GetBoolean());
        Assert.Equal(TwoFactor.RecoveryCodeCount, after.GetProperty("recoveryCodesLeft").GetInt32());

        // The same code again, still within its 30 seconds: refused (it may have been seen over a shoulder).
        await (await SignIn(anonymous, Official, code: code)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // A code with spaces, as apps show it, from the step after: accepted.
        var spaced = app.Next().Insert(3, " ");
        Assert.Equal(HttpStatusCode.OK, (await SignIn(anonymous, Official, code: spaced)).StatusCode);
    }

    [Fact]
    public async Task OneCodeSentManyTimesAtOnce_SignsInOnce()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var (app, _) = await Authenticator.EnrolAsync(await factory.ClientForAsync(Official), _clock);

        var code = app.Next();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SignIn(factory.CreateClient(), Official, code: code)));

        var statuses = string.Join(", ", await Task.WhenAll(answers.Select(async a => $"{(int)a.StatusCode} {await a.Content.ReadAsStringAsync()}")));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) == 1, statuses);
        // The others are refused: 401, or 429 once this address has failed five times (they all come from one test client's address).
        Assert.True(answers.Count(a => a.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests) == 7, statuses);
    }

    [Fact]
    public async Task SomeoneWithThePassword_GetsFiveGuessesAtTheCode_FromAllAddressesTogether_WhileTheOwnersDeviceStillGetsIn()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var ownersPhone = factory.CreateClient(); // keeps the device cookie of its sign-ins
        var (app, _) = await Authenticator.EnrolAsync(await BearerAsync(factory, await SignIn(ownersPhone, Official)), _clock);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(ownersPhone, Official, code: app.Next())).StatusCode);

        // Each guess from a client of its own (as from another address): five wrong codes, then even the right one waits.
        for (var i = 0; i < SignInThrottle.SecondFactorFailuresPerAccount; i++)
        {
            await (await SignIn(factory.CreateClient(), Official, code: $"{i:D6}", from: $"203.0.113.{i}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var held = await SignIn(factory.CreateClient(), Official, code: app.Next(), from: "203.0.113.99");
        await held.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(held.Headers.Contains("Retry-After"));
        // The owner's phone, which signed in before, is not held.
        Assert.Equal(HttpStatusCode.OK, (await SignIn(ownersPhone, Official, code: app.Next())).StatusCode);
        _clock.Advance(SignInThrottle.AddressWindow);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(factory.CreateClient(), Official, code: app.Next(), from: "203.0.113.99")).StatusCode);
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce_AndIsAudited_AndNewCodesReplaceTheOld()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var (app, codes) = await Authenticator.EnrolAsync(await factory.ClientForAsync(Official), _clock);
        var anonymous = factory.CreateClient();

        // Typed in lower case, as someone copies it from paper: accepted once.
        var client = await BearerAsync(factory, await SignIn(anonymous, Official, recovery: codes[0].ToLowerInvariant()));
        await (await SignIn(anonymous, Official, recovery: codes[0])).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await SignIn(anonymous, Official, recovery: new string('A', 200))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(TwoFactor.RecoveryCodeCount - 1,
            (await (await client.GetAsync("/api/v1/account/two-factor")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodesLeft").GetInt32());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "account.two-factor.recovery-code-used")));

        // New codes need a current code; then the old ones stop working.
        await (await client.PostAsJsonAsync("/api/v1/account/two-factor/recovery-codes", new { code = "000000" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var renewed = await client.PostAsJsonAsync("/api/v1/account/two-factor/recovery-codes", new { code = app.Next() });
        var fresh = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Empty(fresh.Intersect(codes));
        await (await SignIn(anonymous, Official, recovery: codes[1])).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(anonymous, Official, recovery: fresh[1])).StatusCode);
    }

    [Fact]
    public async Task ANewPhone_IsConfirmedBeforeTheOldStops_AndTurningItOffNeedsACode()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var (oldPhone, codes) = await Authenticator.EnrolAsync(await factory.ClientForAsync(Official), _clock);
        var anonymous = factory.CreateClient();
        var client = await BearerAsync(factory, await SignIn(anonymous, Official, code: oldPhone.Next()));

        // A new key waits: the old phone still signs in until the new one's code is confirmed.
        var (newPhone, _) = await Authenticator.EnrolAsync(client, _clock);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "account.two-factor.replace")));
        await (await SignIn(anonymous, Official, code: oldPhone.Next())).AssertProblemAsync(HttpStatusCode.Unauthorized);
        client = await BearerAsync(factory, await SignIn(anonymous, Official, code: newPhone.Next()));

        // Off needs a current code (or a recovery code); then the password alone signs in again.
        await (await client.PostAsJsonAsync("/api/v1/account/two-factor/disable", new { code = "000000" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync("/api/v1/account/two-factor/disable", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/account/two-factor/disable", new { code = newPhone.Next() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(anonymous, Official)).StatusCode);
        client = await factory.ClientForAsync(Official);
        await (await client.PostAsJsonAsync("/api/v1/account/two-factor/disable", new { code = newPhone.Next() })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/v1/account/two-factor/authenticator/confirm", new { code = "123456" })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty(codes.Intersect(await factory.WithDbAsync(db => db.UserTokens.Select(t => t.Value!).ToListAsync())));
    }

    [Fact]
    public async Task AnAdminWithoutASecondFactor_MaySetOneUpAndNothingElse_AsShipped()
    {
        using var factory = AppAsShipped();
        await factory.CreateStaffAsync(Admin, StaffRoles.Admin);
        var client = await factory.ClientForAsync(Admin);

        var refused = await (await client.GetAsync("/api/v1/admin/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("/api/v1/account/two-factor/authenticator", refused.GetProperty("twoFactorSetup").GetString());
        await (await client.GetAsync("/api/v1/staff/feedback")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var state = await (await client.GetAsync("/api/v1/account/two-factor")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(state.GetProperty("required").GetBoolean());
        // Public reads are anyone's.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/providers")).StatusCode);

        var (app, codes) = await Authenticator.EnrolAsync(client, _clock);
        var admin = await BearerAsync(factory, await SignIn(factory.CreateClient(), Admin, code: app.Next()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/admin/users")).StatusCode);

        // A refreshed token keeps the mark of the second factor.
        var tokens = await (await SignIn(factory.CreateClient(), Admin, code: app.Next())).Content.ReadFromJsonAsync<JsonElement>();
        var refreshed = await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var afterRefresh = factory.CreateClient();
        afterRefresh.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await afterRefresh.GetAsync("/api/v1/admin/users")).StatusCode);

        // Required for Admin: it cannot be turned off, even with a right code.
        await (await admin.PostAsJsonAsync("/api/v1/account/two-factor/disable", new { code = codes[0] })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == Admin && u.TwoFactorEnabled)));
    }

    [Fact]
    public void TheRequirementShipsOn_EverywhereButTheDemo()
    {
        static bool? Required(string file)
        {
            var path = TestPlaces.InRepository("src", "Masam.Web", file);
            if (!File.Exists(path)) return null;
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.TryGetProperty("Masam", out var masam) && masam.TryGetProperty("Accounts", out var accounts)
                && accounts.TryGetProperty("RequireAdminTwoFactor", out var required) ? required.GetBoolean() : null;
        }

        Assert.True(new AccountOptions().RequireAdminTwoFactor);
        Assert.True(Required("appsettings.json"));
        Assert.False(Required("appsettings.Development.json"));
        Assert.All(Directory.GetFiles(TestPlaces.InRepository("src", "Masam.Web"), "appsettings.*.json").Select(Path.GetFileName)
            .Where(f => f != "appsettings.Development.json"), f => Assert.NotEqual(false, Required(f!)));
    }

    [Fact]
    public async Task AnAdminsReset_TurnsSomeonesSecondFactorOff_EndsTheirSessions_AndIsAudited()
    {
        using var factory = App();
        var official = await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var admin = await factory.CreateStaffAsync(Admin, StaffRoles.Admin);
        var (app, _) = await Authenticator.EnrolAsync(await factory.ClientForAsync(Official), _clock);
        var officialsSession = await BearerAsync(factory, await SignIn(factory.CreateClient(), Official, code: app.Next()));
        var admins = await factory.ClientForAsync(Admin);

        var listed = await (await admins.GetAsync("/api/v1/admin/users")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(listed.EnumerateArray().Single(a => a.GetProperty("email").GetString() == Official).GetProperty("twoFactor").GetBoolean());
        await (await admins.PostAsync($"/api/v1/admin/users/{admin.Id}/two-factor/reset", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admins.PostAsync("/api/v1/admin/users/no-such-account/two-factor/reset", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await admins.PostAsync($"/api/v1/admin/users/{official.Id}/two-factor/reset", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await officialsSession.GetAsync("/api/v1/account/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(factory.CreateClient(), Official)).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "account.two-factor.reset" && e.EntityId == official.Id)));
    }

    [Fact]
    public async Task OnThePages_AnAdminIsLedToSetUp_SeesTheQrCodeAndRecoveryCodes_AndSignsInWithACode()
    {
        using var factory = AppAsShipped();
        await factory.CreateStaffAsync(Admin, StaffRoles.Admin);
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signedIn = await browser.PostFormAsync("/account/sign-in", new() { ["Email"] = Admin, ["Password"] = StaffTestAccounts.Password });
        Assert.Equal("/staff", signedIn.Headers.Location?.OriginalString);
        var home = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor?ReturnUrl=%2Fstaff", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin/users")).StatusCode);

        var page = await (await browser.GetAsync("/account/two-factor?ReturnUrl=%2Fstaff")).Content.ReadAsStringAsync();
        Assert.Contains("<svg class=\"qr\"", page);
        var key = WebUtility.HtmlDecode(Regex.Match(page, "<code class=\"secret-key\">([^<]+)</code>").Groups[1].Value);
        var app = new Authenticator(key, _clock);
        Assert.Contains($"secret={key.Replace(" ", "").ToUpperInvariant()}", WebUtility.HtmlDecode(page));

        var wrong = await browser.PostFormAsync("/account/two-factor?handler=Confirm", new() { ["Code"] = "000000", ["ReturnUrl"] = "/staff" }, formPage: "/account/two-factor");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("aria-invalid=\"true\"", wrongHtml);
        Assert.Contains("error-summary", wrongHtml);
        Assert.Contains(key, WebUtility.HtmlDecode(wrongHtml)); // the same key, still waiting

        var confirmed = await browser.PostFormAsync("/account/two-factor?handler=Confirm", new() { ["Code"] = app.Next(), ["ReturnUrl"] = "/staff" }, formPage: "/account/two-factor");
        var confirmedHtml = await confirmed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var recovery = Regex.Matches(confirmedHtml, "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(TwoFactor.RecoveryCodeCount, recovery.Count);
        Assert.Contains("href=\"/staff\"", confirmedHtml);

        // This session passed a code just now, and keeps it when the cookie's principal is made again from the account (every half hour).
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/users")).StatusCode);

        // Another browser: password, then the code page; a wrong code is named there; the right one gets in.
        var other = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/account/sign-in/code")).StatusCode); // no password given yet
        var password = await other.PostFormAsync("/account/sign-in", new() { ["Email"] = Admin, ["Password"] = StaffTestAccounts.Password, ["ReturnUrl"] = "/admin/users" });
        Assert.Equal("/account/sign-in/code?ReturnUrl=%2Fadmin%2Fusers", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/staff")).StatusCode); // not signed in yet
        var empty = await other.PostFormAsync("/account/sign-in/code", new() { ["Code"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var bad = await other.PostFormAsync("/account/sign-in/code", new() { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("id=\"e-code\"", await bad.Content.ReadAsStringAsync());
        var good = await other.PostFormAsync("/account/sign-in/code", new() { ["Code"] = recovery[0], ["ReturnUrl"] = "/admin/users" });
        Assert.Equal("/admin/users", good.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/admin/users")).StatusCode);
        Assert.Contains("хоёр шатлалттай", await (await other.GetAsync("/admin/users")).Content.ReadAsStringAsync());
    }
}
