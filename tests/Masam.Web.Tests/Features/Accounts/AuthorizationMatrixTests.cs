using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Accounts;

/// <summary>
/// Every non-public endpoint against every role, in scope and out of it, and anonymous. One app
/// for the class: the rows are arranged once and no test changes them except through its own
/// throwaway accounts.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<AuthorizationMatrixTests.World>
{
    public sealed class World : IAsyncLifetime, IDisposable
    {
        public MasamAppFactory Factory { get; } = new();
        public Dictionary<string, HttpClient> Clients { get; } = new();
        public long ZavkhanFeedback { get; private set; }
        public int ZavkhanProvider { get; private set; }
        public int KhuvsgulProvider { get; private set; }
        public long KhuvsgulFeedback { get; private set; }
        public long BayanzurkhFeedback { get; private set; }
        public string TargetAccountId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var zavkhanProvider = ZavkhanProvider = await Factory.AddProviderAsync("MN18101");
            var otherZavkhanProvider = await Factory.AddProviderAsync("MN18104");
            var khuvsgulProvider = KhuvsgulProvider = await Factory.AddProviderAsync("MN26701");
            var bayanzurkhProvider = await Factory.AddProviderAsync("MN51110");
            ZavkhanFeedback = await FeedbackAsync(zavkhanProvider);
            await FeedbackAsync(otherZavkhanProvider);
            KhuvsgulFeedback = await FeedbackAsync(khuvsgulProvider);
            BayanzurkhFeedback = await FeedbackAsync(bayanzurkhProvider);

            await Factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
            await Factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
            await Factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
            await Factory.CreateStaffAsync("bayanzurkh@test.mn", StaffRoles.LocalOfficial, units: ["MN51110"]);
            await Factory.CreateStaffAsync("manager@test.mn", StaffRoles.ProviderManager, providers: [zavkhanProvider]);
            await Factory.CreateStaffAsync("cso@test.mn", StaffRoles.CsoFacilitator, units: ["267"]);
            TargetAccountId = (await Factory.CreateStaffAsync("target@test.mn", StaffRoles.CsoFacilitator, units: ["181"])).Id;
            foreach (var who in Roles.Where(r => r != "anonymous"))
            {
                Clients[who] = await Factory.ClientForAsync($"{who}@test.mn");
            }

            Clients["anonymous"] = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        }

        private async Task<long> FeedbackAsync(int provider)
        {
            var client = Factory.CreateClient();
            var receipt = await (await client.PostAsJsonAsync("/api/v1/feedback", new { providerId = provider, score = 2 })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            var code = TrackingCodes.Normalize(receipt.GetProperty("trackingCode").GetString());
            return await Factory.WithDbAsync(db => db.Feedback.Where(f => f.TrackingCode == code).Select(f => f.Id).SingleAsync());
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => Factory.Dispose();
    }

    public static readonly string[] Roles = ["admin", "analyst", "zavkhan", "bayanzurkh", "manager", "cso", "anonymous"];

    private readonly World _world;

    public AuthorizationMatrixTests(World world) => _world = world;

    public static TheoryData<string, string, string, int> Matrix()
    {
        // who, method, url (with {zavkhan}, {khuvsgul}, {bayanzurkh}, {target} placeholders), expected status
        var data = new TheoryData<string, string, string, int>();
        void Row(string method, string url, params int[] expected)
        {
            for (var i = 0; i < Roles.Length; i++)
            {
                data.Add(Roles[i], method, url, expected[i]);
            }
        }

        //                                                              admin analyst zavkhan bayanz manager cso  anon
        Row("GET", "/api/v1/staff/feedback",                            200, 200,    200,    200,   200,    200, 401);
        Row("GET", "/api/v1/staff/feedback/{zavkhan}",                  200, 200,    200,    404,   200,    404, 401);
        Row("GET", "/api/v1/staff/feedback/{khuvsgul}",                 200, 200,    404,    404,   404,    200, 401);
        Row("GET", "/api/v1/staff/feedback/{bayanzurkh}",               200, 200,    404,    200,   404,    404, 401);
        Row("GET", "/api/v1/admin/users",                               200, 403,    403,    403,   403,    403, 401);
        Row("POST", "/api/v1/admin/users",                              201, 403,    403,    403,   403,    403, 401);
        Row("PUT", "/api/v1/admin/users/{target}/access",               200, 403,    403,    403,   403,    403, 401);
        Row("POST", "/api/v1/admin/users/{target}/enable",              200, 403,    403,    403,   403,    403, 401);
        Row("POST", "/api/v1/admin/users/{target}/two-factor/reset",    204, 403,    403,    403,   403,    403, 401);
        Row("GET", "/api/v1/account/two-factor",                        200, 200,    200,    200,   200,    200, 401);
        Row("POST", "/api/v1/account/two-factor/authenticator",         200, 200,    200,    200,   200,    200, 401);
        Row("GET", "/api/v1/admin/audit",                               200, 403,    403,    403,   403,    403, 401);
        Row("GET", "/api/v1/admin/audit/verification",                  200, 403,    403,    403,   403,    403, 401);
        Row("POST", "/api/v1/admin/publications/integrity",             200, 403,    403,    403,   403,    403, 401);
        Row("POST", "/api/v1/staff/scorecards",                         403, 403,    201,    400,   403,    400, 401);

        // Figures for staff: weighted satisfaction within the account's units only (the nation is national
        // staff's); the ranking of every area, which shows each one's unpublished counts, for national staff only.
        const string weighted = "/api/v1/staff/figures/weighted-satisfaction?period=2026-Q3";
        Row("GET", weighted,                                            200, 200,    404,    404,   403,    403, 401);
        Row("GET", weighted + "&adminUnit=181",                         200, 200,    200,    404,   403,    403, 401);
        Row("GET", weighted + "&adminUnit=MN18104",                     200, 200,    200,    404,   403,    403, 401);
        Row("GET", weighted + "&adminUnit=267",                         200, 200,    404,    404,   403,    403, 401);
        Row("GET", weighted + "&adminUnit=MN26701",                     200, 200,    404,    404,   403,    403, 401);
        Row("GET", weighted + "&adminUnit=MN51110",                     200, 200,    404,    200,   403,    403, 401);
        Row("GET", weighted + "&adminUnit=511",                         200, 200,    404,    404,   403,    403, 401);
        Row("GET", weighted + "&provider={zavkhanProvider}",            200, 200,    200,    404,   403,    403, 401);
        Row("GET", weighted + "&adminUnit=181&provider={khuvsgulProvider}", 200, 200, 404,   404,   403,    403, 401);
        Row("GET", weighted + "&sector=health",                         200, 200,    404,    404,   403,    403, 401);
        Row("GET", "/api/v1/staff/figures/weighted-satisfaction?period={thisMonth}&adminUnit=181", 200, 200, 200, 404, 403, 403, 401);
        Row("GET", "/api/v1/staff/targeting?period=2026-Q3",            200, 200,    403,    403,   403,    403, 401);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_AnswersAsTheMatrixSays(string who, string method, string url, int expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url
            .Replace("{zavkhan}", _world.ZavkhanFeedback.ToString())
            .Replace("{khuvsgul}", _world.KhuvsgulFeedback.ToString())
            .Replace("{bayanzurkh}", _world.BayanzurkhFeedback.ToString())
            .Replace("{target}", _world.TargetAccountId)
            .Replace("{zavkhanProvider}", _world.ZavkhanProvider.ToString())
            .Replace("{khuvsgulProvider}", _world.KhuvsgulProvider.ToString())
            .Replace("{thisMonth}", DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
        if (method == "POST" && url.EndsWith("/users"))
        {
            request.Content = JsonContent.Create(new
            {
                email = $"new-{Guid.NewGuid():N}@test.mn", displayName = "Шинэ ажилтан", password = StaffTestAccounts.Password,
                role = StaffRoles.CsoFacilitator, adminUnits = new[] { "345" },
            });
        }
        else if (url.EndsWith("/scorecards"))
        {
            // A cycle for a Zavkhan provider: the manager of that provider may not start one (the community's side is the facilitators').
            request.Content = JsonContent.Create(new { providerId = _world.ZavkhanProvider, periodStart = "2026-01-01", periodEnd = "2026-06-30", facilitatingGroup = "ТББ" });
        }
        else if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { role = StaffRoles.CsoFacilitator, adminUnits = new[] { "181" } });
        }

        var response = await _world.Clients[who].SendAsync(request);

        Assert.True(expected == (int)response.StatusCode,
            $"{who} {method} {url}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("zavkhan", new[] { "MN18101", "MN18104" })]
    [InlineData("bayanzurkh", new[] { "MN51110" })]
    [InlineData("manager", new[] { "MN18101" })]
    [InlineData("cso", new[] { "MN26701" })]
    public async Task StaffFeedbackList_HoldsOnlyRowsInScope(string who, string[] units)
    {
        var page = await (await _world.Clients[who].GetAsync("/api/v1/staff/feedback")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        var seen = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("adminUnitCode").GetString()).Order().ToArray();
        Assert.Equal(units.Order(), seen);
    }

    [Fact]
    public async Task AnotherJurisdictionsProviderId_InTheQuery_LeaksNothing()
    {
        var bayanzurkhProvider = await _world.Factory.WithDbAsync(db => db.Feedback.Where(f => f.Id == _world.BayanzurkhFeedback).Select(f => f.ProviderId).SingleAsync());

        var page = await _world.Clients["zavkhan"].GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/staff/feedback?provider={bayanzurkhProvider}");

        Assert.Equal(0, page.GetProperty("total").GetInt32());
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ContactDetails_AreShownOnlyToWhoeverMustAnswer()
    {
        var id = _world.ZavkhanFeedback;

        var official = await _world.Clients["zavkhan"].GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/staff/feedback/{id}");
        var analyst = await _world.Clients["analyst"].GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/staff/feedback/{id}");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, official.GetProperty("contact").ValueKind); // none was given
        Assert.Equal(System.Text.Json.JsonValueKind.Null, analyst.GetProperty("contact").ValueKind);
    }

    [Fact]
    public async Task ALocalOfficial_CannotCreateAnAdmin()
    {
        var before = await _world.Factory.WithDbAsync(db => db.Users.CountAsync());

        var response = await _world.Clients["zavkhan"].PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = "escalate@test.mn", displayName = "x", password = StaffTestAccounts.Password, role = StaffRoles.Admin,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await _world.Factory.WithDbAsync(db => db.Users.CountAsync()));
    }
}
