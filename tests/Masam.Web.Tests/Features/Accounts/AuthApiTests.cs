using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Accounts;

public sealed class AuthApiTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly MasamAppFactory _factory;
    private readonly HttpClient _client;

    public AuthApiTests()
    {
        _factory = new MasamAppFactory();
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        _client = _factory.CreateClient();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignIn_GivesTokensThatOpenStaffEndpoints()
    {
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);

        var tokens = await _client.SignInAsync("analyst@test.mn");

        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refreshToken").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await Get("/api/v1/staff/feedback", tokens.GetProperty("accessToken").GetString())).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_Answers401Problem()
    {
        await _factory.CreateStaffAsync("official@test.mn", StaffRoles.LocalOfficial, units: ["181"]);

        var response = await _client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "official@test.mn", password = "not the password" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_IsThrottledAfterFiveWrongPasswords_ForAQuarterHour_ThenWorksAgain()
    {
        await _factory.CreateStaffAsync("official@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        for (var i = 0; i < 5; i++)
        {
            await _client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "official@test.mn", password = $"guess number {i}" });
        }

        var right = await _client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "official@test.mn", password = StaffTestAccounts.Password });
        var problem = await right.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("900", right.Headers.GetValues("Retry-After").Single());
        Assert.Contains("15", problem.GetProperty("detail").GetString());

        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "official@test.mn", password = StaffTestAccounts.Password })).StatusCode);
    }

    [Fact]
    public async Task SignIn_NamesMissingFields()
    {
        var problem = await (await _client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("email"));
        Assert.NotEmpty(problem.FieldErrors("password"));
    }

    [Fact]
    public async Task Refresh_GivesNewTokens_AndRefusesATamperedOne()
    {
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        var tokens = await _client.SignInAsync("analyst@test.mn");
        var refresh = tokens.GetProperty("refreshToken").GetString()!;

        var renewed = await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);

        var tampered = await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh[..^4] + "AAAA" });
        await tampered.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATamperedAccessToken_Answers401()
    {
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        var token = (await _client.SignInAsync("analyst@test.mn")).GetProperty("accessToken").GetString()!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/staff/feedback", token[..^6] + "AAAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/staff/feedback", "not-a-token")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredAccessToken_Answers401_AndAnExpiredRefreshTokenCannotRenewIt()
    {
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        var tokens = await _client.SignInAsync("analyst@test.mn");

        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/staff/feedback", tokens.GetProperty("accessToken").GetString())).StatusCode);

        _clock.Advance(TimeSpan.FromDays(15));
        var refresh = await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignOut_EndsTheTokensAtOnce()
    {
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        var tokens = await _client.SignInAsync("analyst@test.mn");
        var access = tokens.GetProperty("accessToken").GetString();

        var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-out");
        signOut.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(signOut)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/staff/feedback", access)).StatusCode);
        var refresh = await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task ATokenOfADisabledAccount_Answers401_AndItCannotSignIn()
    {
        var account = await _factory.CreateStaffAsync("official@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var access = (await _client.SignInAsync("official@test.mn")).GetProperty("accessToken").GetString();
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        var admin = await _factory.ClientForAsync("admin@test.mn");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/users/{account.Id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/staff/feedback", access)).StatusCode);
        var again = await _client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "official@test.mn", password = StaffTestAccounts.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    private Task<HttpResponseMessage> Get(string url, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request);
    }
}
