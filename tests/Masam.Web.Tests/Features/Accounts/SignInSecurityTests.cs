using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masam.Web.Tests.Features.Accounts;

/// <summary>
/// Sign-in tells nothing about which accounts exist, slows guessing per account and address
/// without locking an official out, limits attempts per address; refresh tokens are used once.
/// </summary>
public sealed class SignInSecurityTests
{
    private const string Official = "official@test.mn";

    /// <summary>An app whose requests come from the address in X-Client (or 198.51.100.1), as a proxy would say.</summary>
    private static MasamAppFactory App(params (string, string?)[] settings)
    {
        var factory = new MasamAppFactory(settings);
        factory.ConfigureServices = services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddress>();
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<StaffUser>, CountingHasher>());
        };
        return factory;
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string email, string password, string from = "198.51.100.1") =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-in")
        {
            Content = JsonContent.Create(new { email, password }),
            Headers = { { "X-Client", from } },
        });

    [Fact]
    public async Task AnUnknownEMail_AnswersAsAWrongPassword_AndCostsAPasswordHashToo()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var client = factory.CreateClient();

        CountingHasher.Verified = 0;
        var unknown = await (await SignIn(client, "nobody@test.mn", "some long password")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(1, CountingHasher.Verified);
        var wrong = await (await SignIn(client, Official, "some long password")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(2, CountingHasher.Verified);

        Assert.Equal(unknown.GetProperty("detail").GetString(), wrong.GetProperty("detail").GetString());
        Assert.Equal(unknown.GetProperty("title").GetString(), wrong.GetProperty("title").GetString());
    }

    [Fact]
    public async Task GuessingFromOneAddress_IsThrottledThere_WhileTheOfficialSignsInFromTheirs()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var client = factory.CreateClient();

        for (var i = 0; i < SignInThrottle.FailuresPerAddress; i++)
        {
            await (await SignIn(client, Official, $"guess number {i}", from: "203.0.113.9")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var throttled = await SignIn(client, Official, StaffTestAccounts.Password, from: "203.0.113.9");
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single()) is > 0 and <= 15 * 60);

        // Not locked: the official, from their own address, still signs in, and so does the right password tomorrow anywhere.
        Assert.Equal(HttpStatusCode.OK, (await SignIn(client, Official, StaffTestAccounts.Password, from: "198.51.100.7")).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Official).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task AnAttackFromManyAddresses_ThrottlesTheAccount_ButNotTheOfficialsOwnDevice()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var officialsPhone = factory.CreateClient(); // keeps cookies, as a browser or app does
        Assert.Equal(HttpStatusCode.OK, (await SignIn(officialsPhone, Official, StaffTestAccounts.Password, from: "198.51.100.50")).StatusCode);

        // 100 wrong passwords from 20 addresses, each under the per-address limit.
        var attacker = factory.CreateClient();
        for (var i = 0; i < SignInThrottle.FailuresPerAccount; i++)
        {
            await (await SignIn(attacker, Official, $"guess {i}", from: $"203.0.113.{100 + i / SignInThrottle.FailuresPerAddress}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        // The account is throttled for a client it does not know, even with the right password...
        await (await SignIn(factory.CreateClient(), Official, StaffTestAccounts.Password, from: "198.51.100.60")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        // ...but the device the official signed in on before gets in, from wherever they are now.
        Assert.Equal(HttpStatusCode.OK, (await SignIn(officialsPhone, Official, StaffTestAccounts.Password, from: "198.51.100.61")).StatusCode);

        // A stolen device cookie of another account, or one sent with wrong passwords, buys nothing.
        await factory.CreateStaffAsync("other@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var othersPhone = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SignIn(othersPhone, "other@test.mn", StaffTestAccounts.Password, from: "198.51.100.70")).StatusCode);
        await (await SignIn(othersPhone, Official, StaffTestAccounts.Password, from: "198.51.100.71")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < SignInThrottle.FailuresPerDevice; i++)
        {
            await (await SignIn(officialsPhone, Official, $"typo {i}", from: "198.51.100.61")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await SignIn(officialsPhone, Official, StaffTestAccounts.Password, from: "198.51.100.61")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnAccountUnderAttack_IsEnteredFromAnywhere_WithPasswordAndSecondFactorTogether_AndTheAttackLearnsNothing()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = App();
        factory.ConfigureServices += services => services.AddSingleton<TimeProvider>(clock);
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var (app, recovery) = await Authenticator.EnrolAsync(await factory.ClientForAsync(Official), clock);

        for (var i = 0; i < SignInThrottle.FailuresPerAccount; i++)
        {
            await (await SignIn(factory.CreateClient(), Official, $"guess {i}", from: $"203.0.113.{100 + i / SignInThrottle.FailuresPerAddress}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        // From a fresh address and a device it has never seen: the password alone is refused as before...
        var fresh = factory.CreateClient();
        await (await SignIn(fresh, Official, StaffTestAccounts.Password, from: "198.51.100.80")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        // ...and every wrong pair gets the same 429: the attack cannot tell a right password from a wrong one.
        foreach (var (password, code) in new[] { ("wrong password here", app.Next()), (StaffTestAccounts.Password, "000000"), ("wrong password here", "000000") })
        {
            var refused = await SignInWithCode(fresh, password, code, "198.51.100.80");
            await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.True(refused.Headers.Contains("Retry-After"));
        }

        // The owner, with the password and the app's code together, gets in.
        Assert.Equal(HttpStatusCode.OK, (await SignInWithCode(factory.CreateClient(), StaffTestAccounts.Password, app.Next(), "198.51.100.81")).StatusCode);
        // So does a recovery code (a lost phone on the day of an attack).
        Assert.Equal(HttpStatusCode.OK, (await SignInWithCode(factory.CreateClient(), StaffTestAccounts.Password, recovery[0], "198.51.100.82")).StatusCode);

        // The sign-in page asks for the code beside the password while the account is throttled, and lets the owner in with both.
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var throttled = await PageForms.PostFormAsync(browser, "/account/sign-in", new() { ["Email"] = Official, ["Password"] = StaffTestAccounts.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("name=\"Code\"", await throttled.Content.ReadAsStringAsync());
        var both = await PageForms.PostFormAsync(browser, "/account/sign-in", new() { ["Email"] = Official, ["Password"] = StaffTestAccounts.Password, ["Code"] = app.Next() });
        Assert.Equal("/staff", both.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).StatusCode);

        Task<HttpResponseMessage> SignInWithCode(HttpClient client, string password, string code, string from) =>
            client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-in")
            {
                Content = JsonContent.Create(code.Length == 6
                    ? (object)new { email = Official, password, twoFactorCode = code }
                    : new { email = Official, password, twoFactorRecoveryCode = code }),
                Headers = { { "X-Client", from } },
            });
    }

    [Fact]
    public async Task SignInsAndRefreshes_AreLimitedPerAddress_With429AndRetryAfter()
    {
        using var factory = App(("Masam:RateLimit:SignInPerMinute", "3"));
        var client = factory.CreateClient();

        for (var i = 0; i < 2; i++) await SignIn(client, "nobody@test.mn", "some long password", from: "203.0.113.20");
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh")
        {
            Content = JsonContent.Create(new { refreshToken = "x" }),
            Headers = { { "X-Client", "203.0.113.20" } },
        });
        var limited = await SignIn(client, "nobody@test.mn", "some long password", from: "203.0.113.20");

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, "nobody@test.mn", "some long password", from: "203.0.113.21")).StatusCode);
    }

    [Fact]
    public async Task ARefreshTokenWorksOnce_AndUsingItAgainEndsTheWholeFamily_AndIsAudited()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var client = factory.CreateClient();
        var first = await (await SignIn(client, Official, StaffTestAccounts.Password)).ReadJsonAsync();
        var stolen = first.GetProperty("refreshToken").GetString();

        var renewed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = stolen });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var second = await renewed.ReadJsonAsync();
        Assert.NotEqual(stolen, second.GetProperty("refreshToken").GetString());

        var reuse = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = stolen });
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized);

        // The family is revoked and the account signed out everywhere: the new tokens stop too.
        var next = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/staff/feedback");
        request.Headers.Authorization = new("Bearer", second.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        Assert.Contains("auth.refresh-reuse", await factory.WithDbAsync(db => db.AuditEntries.Select(e => e.Action).ToListAsync()));

        // Signing in again starts a new family.
        Assert.Equal(HttpStatusCode.OK, (await SignIn(client, Official, StaffTestAccounts.Password)).StatusCode);
    }

    [Fact]
    public async Task ARefreshTokenSentManyTimesAtOnce_RenewsOnce_EveryOtherIs401_AndTheReuseIsAuditedOnce()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var client = factory.CreateClient();

        for (var race = 0; race < 4; race++)
        {
            var tokens = await (await SignIn(client, Official, StaffTestAccounts.Password)).ReadJsonAsync();
            var token = tokens.GetProperty("refreshToken").GetString();
            var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "auth.refresh-reuse"));

            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token })));

            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"{a.StatusCode}: {a.Content.ReadAsStringAsync().Result}"));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK)) await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal(before + 1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "auth.refresh-reuse")));
        }
    }

    [Fact]
    public async Task ThePage_AnswersAsTheApiDoes_AndIsThrottledToo()
    {
        using var factory = App();
        await factory.CreateStaffAsync(Official, StaffRoles.LocalOfficial, units: ["181"]);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var unknown = await PageForms.PostFormAsync(client, "/account/sign-in", new() { ["Email"] = "nobody@test.mn", ["Password"] = "some long password" });
        var wrong = await PageForms.PostFormAsync(client, "/account/sign-in", new() { ["Email"] = Official, ["Password"] = "some long password" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        static string Error(string html) => System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\"[^>]*>([^<]*)<").Groups[1].Value;
        Assert.Equal(Error(await unknown.Content.ReadAsStringAsync()), Error(await wrong.Content.ReadAsStringAsync()));

        for (var i = 0; i < SignInThrottle.FailuresPerAddress; i++)
        {
            await PageForms.PostFormAsync(client, "/account/sign-in", new() { ["Email"] = Official, ["Password"] = $"guess number {i}" });
        }

        var throttled = await PageForms.PostFormAsync(client, "/account/sign-in", new() { ["Email"] = Official, ["Password"] = StaffTestAccounts.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.Contains("Retry-After"));
    }

    /// <summary>The real hasher, counting the passwords it checks.</summary>
    private sealed class CountingHasher : PasswordHasher<StaffUser>
    {
        public static int Verified;

        public override PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verified);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
