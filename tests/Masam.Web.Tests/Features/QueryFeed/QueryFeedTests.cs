using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.QueryFeed;
using Masam.Web.Tests.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.QueryFeed;

/// <summary>The OData feed with the demo data (1,140 providers, a year of feedback), read with Microsoft's OData libraries.</summary>
public sealed class QueryFeedTests : IClassFixture<QueryFeedTests.DemoApp>
{
    private readonly DemoApp _app;

    public QueryFeedTests(DemoApp app) => _app = app;

    public sealed class DemoApp : IAsyncLifetime, IDisposable
    {
        public MasamAppFactory Factory { get; } = new(("Masam:SeedDemoData", "true"));

        public async Task InitializeAsync()
        {
            await Factory.CreateStaffAsync("zavkhan@feed.test", StaffRoles.LocalOfficial, units: ["181"]);
            await Factory.CreateStaffAsync("analyst@feed.test", StaffRoles.MinistryAnalyst);
            await Factory.WithDbAsync(async db =>
            {
                var provider = await db.Providers.Include(p => p.AdminUnit).FirstAsync();
                db.ResponseActions.Add(new Masam.Web.Features.Actions.ResponseAction
                {
                    Title = "Дараалал багасгах", AdminUnitId = provider.AdminUnitId, ResponsibleProviderId = provider.Id, DueOn = new DateOnly(2026, 12, 1),
                    CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            });
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task Metadata_IsValidCsdl_WithThePublicAndRestrictedSets()
    {
        var model = await new ODataClient(_app.Factory.CreateClient()).ReadModelAsync();

        Assert.Equal(["AdminUnits", "Feedback", "FeedbackCounts", "Providers", "Publications", "ResponseActions", "SatisfactionFigures", "ScorecardScores", "ServiceLines"],
            model.EntityContainer.EntitySets().Select(s => s.Name).Order());
        var feedback = model.EntityContainer.FindEntitySet("Feedback").EntityType;
        Assert.DoesNotContain(feedback.StructuralProperties(), p => p.Name.Contains("Phone") || p.Name.Contains("Email") || p.Name.Contains("Contact"));
    }

    [Fact]
    public async Task AClient_PagesThroughASet_ByNextLink_AndGetsEveryRowOnce()
    {
        var (rows, pages, count) = await new ODataClient(_app.Factory.CreateClient()).ReadAllAsync("Providers", "?$count=true&$orderby=Id");

        var stored = await _app.Factory.WithDbAsync(db => db.Providers.CountAsync());
        Assert.True(stored > FeedQueryAttribute.PageSizeLimit, $"{stored} providers");
        Assert.Equal(2, pages);
        Assert.Equal(stored, count);
        Assert.Equal(stored, rows.Select(r => ODataClient.Value(r, "Id")).Distinct().Count());
    }

    [Fact]
    public async Task TypicalAnalystQueries_Run_FilterSortTop_Count_AndApply()
    {
        var client = new ODataClient(_app.Factory.CreateClient());
        var (top, _, _) = await client.ReadAllAsync("Providers", "?$filter=AimagCode eq '181' and SectorCode eq 'health'&$orderby=NameMn desc&$top=100&$select=Id,NameMn,AimagCode");
        Assert.NotEmpty(top);
        Assert.All(top, r => Assert.Equal("181", ODataClient.Value(r, "AimagCode")));
        Assert.Equal(top.Select(r => (string)ODataClient.Value(r, "NameMn")!).OrderByDescending(n => n, StringComparer.Ordinal), top.Select(r => (string)ODataClient.Value(r, "NameMn")!));

        var (actions, _, _) = await client.ReadAllAsync("ResponseActions", "?$expand=Provider($expand=AdminUnit)&$top=5");
        Assert.NotEmpty(actions);

        var anonymous = _app.Factory.CreateClient();
        var count = int.Parse(await anonymous.GetStringAsync("/odata/AdminUnits/$count?$filter=Level eq 2"));
        var (soums, _, _) = await client.ReadAllAsync("AdminUnits", "?$filter=Code eq 'MN18101'&$expand=Parent");
        Assert.Equal("181", ODataClient.Value(Assert.Single(soums), "ParentCode"));
        Assert.Equal(340, count);

        var analyst = await _app.Factory.ClientForAsync("analyst@feed.test");
        using var grouped = JsonDocument.Parse(await analyst.GetStringAsync("/odata/Feedback?$apply=groupby((AimagCode),aggregate($count as N))"));
        var total = grouped.RootElement.GetProperty("value").EnumerateArray().Sum(g => g.GetProperty("N").GetInt32());
        Assert.Equal(await _app.Factory.WithDbAsync(db => db.Feedback.CountAsync()), total);
        Assert.Equal(22, grouped.RootElement.GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("Status eq 'received'")]
    [InlineData("Status eq 'in-progress'")]
    [InlineData("Status eq 'closed'")]
    [InlineData("Status eq 'rejected'")]
    [InlineData("Status ne 'closed'")]
    [InlineData("Status eq 'no-such-status'")]
    [InlineData("Gender eq 'female' or Channel eq 'sms'")]
    [InlineData("Gender eq null and AgeBand ne '65-plus'")]
    [InlineData("not (Status eq 'closed') and Score le 2")]
    public async Task AFilterOnAWireName_CountsWhatTheRowsSay(string filter)
    {
        var analyst = await _app.Factory.ClientForAsync("analyst@feed.test");
        var counted = int.Parse(await analyst.GetStringAsync($"/odata/Feedback/$count?$filter={Uri.EscapeDataString(filter)}"));

        var (rows, _, _) = await new ODataClient(analyst).ReadAllAsync("Feedback", "?$select=Id,Status,Gender,Channel,AgeBand,Score");
        var expected = rows.Count(r => Matches(filter, r));
        Assert.Equal(expected, counted);
    }

    private static bool Matches(string filter, Microsoft.OData.ODataResource r)
    {
        string? V(string name) => (string?)ODataClient.Value(r, name);
        return filter switch
        {
            "Status ne 'closed'" => V("Status") != "closed",
            "Gender eq 'female' or Channel eq 'sms'" => V("Gender") == "female" || V("Channel") == "sms",
            "Gender eq null and AgeBand ne '65-plus'" => V("Gender") is null && V("AgeBand") != "65-plus",
            "not (Status eq 'closed') and Score le 2" => V("Status") != "closed" && (int)ODataClient.Value(r, "Score")! <= 2,
            _ => V("Status") == filter.Split('\'')[1],
        };
    }

    [Fact]
    public async Task AFilterOnAWireName_IsAskedOfTheStoredColumn_SoThatAnIndexServesIt()
    {
        var sql = await _app.Factory.WithDbAsync(db =>
        {
            var staff = new CurrentStaff();
            staff.Set("analyst", "analyst@feed.test", "Analyst", StaffRoles.MinistryAnalyst, new StaffScope(true, [], []));
            var rows = new FeedbackController(db, staff).Get();
            var closed = "closed"; // a value closed over, as OData passes it
            return Task.FromResult(rows.Where(r => r.Status == closed).Select(r => r.Id).ToQueryString());
        });

        sql = sql.Replace("\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain("WHEN f.Status", sql);
        Assert.Contains("f.Status = CASE", sql);
    }

    [Fact]
    public async Task FeedbackCounts_SumToTheValidFeedback_ByAimag_WithinTheAccountsScope()
    {
        await using (var scope = _app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Masam.Web.Features.Figures.FeedbackAggregation>().FullAsync(default);
        }

        const string byAimag = "/odata/FeedbackCounts?$apply=filter(Dimension eq 'all')/groupby((AimagCode),aggregate(N with sum as N))";
        var valid = await _app.Factory.WithDbAsync(db => db.Feedback.Where(f => f.Status != Masam.Web.Features.Feedback.FeedbackStatus.Rejected)
            .GroupBy(f => f.AimagCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N));

        using var national = JsonDocument.Parse(await (await _app.Factory.ClientForAsync("analyst@feed.test")).GetStringAsync(byAimag));
        var counted = national.RootElement.GetProperty("value").EnumerateArray()
            .ToDictionary(g => g.GetProperty("AimagCode").GetString()!, g => g.GetProperty("N").GetInt32());
        Assert.Equal(valid.OrderBy(v => v.Key), counted.OrderBy(c => c.Key));

        using var zavkhan = JsonDocument.Parse(await (await _app.Factory.ClientForAsync("zavkhan@feed.test")).GetStringAsync(byAimag));
        var own = Assert.Single(zavkhan.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(("181", valid["181"]), (own.GetProperty("AimagCode").GetString(), own.GetProperty("N").GetInt32()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Factory.CreateClient().GetAsync("/odata/FeedbackCounts?$top=1")).StatusCode);
    }

    [Fact]
    public async Task TheRestrictedSets_AreFilteredToTheAccountsScope_InsideTheQuery()
    {
        var official = await _app.Factory.ClientForAsync("zavkhan@feed.test");
        var (rows, _, count) = await new ODataClient(official).ReadAllAsync("Feedback", "?$count=true&$select=Id,AimagCode");

        Assert.All(rows, r => Assert.Equal("181", ODataClient.Value(r, "AimagCode")));
        var zavkhan = await _app.Factory.WithDbAsync(db => db.Feedback.CountAsync(f => f.Provider!.AdminUnit!.Path.StartsWith("/181/")));
        Assert.Equal(zavkhan, count);

        var elsewhere = await _app.Factory.WithDbAsync(db => db.Feedback.Where(f => !f.Provider!.AdminUnit!.Path.StartsWith("/181/")).Select(f => f.Id).FirstAsync());
        var response = await official.GetAsync($"/odata/Feedback({elsewhere})");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertODataError(await response.Content.ReadAsStringAsync());
        var filtered = await official.GetStringAsync($"/odata/Feedback?$filter=Id eq {elsewhere}");
        Assert.Contains("\"value\":[]", filtered);
    }

    [Fact]
    public async Task SatisfactionFigures_AreTheSuppressedFiguresOfTheApi_AtEveryLevel_AndAggregateWithApply()
    {
        await using (var scope = _app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Masam.Web.Features.Figures.FeedbackAggregation>().FullAsync(default);
        }

        var anonymous = _app.Factory.CreateClient();
        var quarter = await _app.Factory.WithDbAsync(db => db.PublishedCells.Where(c => c.Period.Contains("Q")).MaxAsync(c => c.Period));
        var (rows, _, _) = await new ODataClient(anonymous).ReadAllAsync("SatisfactionFigures", $"?$filter=Period eq '{quarter}'");
        Assert.NotEmpty(rows);

        var zavkhan = rows.Single(r => (string)ODataClient.Value(r, "UnitCode")! == "181" && (string)ODataClient.Value(r, "Dimension")! == "all");
        var api = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction?period={quarter}&adminUnit=181")).GetProperty("cells")[0];
        Assert.Equal(api.GetProperty("n").GetInt32(), ODataClient.Value(zavkhan, "N"));
        Assert.Equal(api.GetProperty("rate").GetDouble(), (double)ODataClient.Value(zavkhan, "Rate")!, 10);

        foreach (var row in rows)
        {
            var shown = (string)ODataClient.Value(row, "Disclosure")! == "shown";
            var n = (int?)ODataClient.Value(row, "N");
            Assert.True(shown ? n >= 10 : n is null, $"{ODataClient.Value(row, "Id")}: {ODataClient.Value(row, "Disclosure")} n={n}");
        }

        // Under every aimag, a lone small soum never stands beside an otherwise complete set of shown soums.
        foreach (var aimag in rows.Where(r => (string)ODataClient.Value(r, "Level")! == "soum" && (string)ODataClient.Value(r, "Dimension")! == "all")
                     .GroupBy(r => (string)ODataClient.Value(r, "AimagCode")!))
        {
            var hidden = aimag.Count(r => (string)ODataClient.Value(r, "Disclosure")! != "shown");
            Assert.NotEqual(1, hidden);
        }

        using var grouped = JsonDocument.Parse(await anonymous.GetStringAsync(
            $"/odata/SatisfactionFigures?$apply=filter(Period eq '{quarter}' and Level eq 'aimag' and Dimension eq 'all')/groupby((Disclosure),aggregate($count as Cells))"));
        Assert.Equal(22, grouped.RootElement.GetProperty("value").EnumerateArray().Sum(g => g.GetProperty("Cells").GetInt32()));
    }

    [Theory]
    [InlineData("/odata/Providers?$filter=NameMn eq", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Providers?$filter=Shoe eq 1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Providers?$select=Phone", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Providers?$top=100000", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Providers?$top=-1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/ResponseActions?$expand=Provider($expand=AdminUnit($expand=Parent))", HttpStatusCode.BadRequest)]
    [InlineData("/odata/AdminUnits?$expand=Parent($expand=Parent($expand=Parent))", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Providers?$expand=Name", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Providers?$orderby=Id,Code,NameMn,NameEn,TypeCode,SectorCode,AdminUnitCode,AimagCode,RegistrationNumber", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Feedback", HttpStatusCode.Unauthorized)]
    [InlineData("/odata/ScorecardScores?$top=1", HttpStatusCode.Unauthorized)]
    [InlineData("/odata/Providers(999999)", HttpStatusCode.NotFound)]
    public async Task BadQueries_GetAnODataError_WithNoStackTrace(string url, HttpStatusCode status)
    {
        var response = await _app.Factory.CreateClient().GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        AssertODataError(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AHugeFilterExpression_IsRefused()
    {
        var filter = string.Join(" or ", Enumerable.Range(1, 300).Select(i => $"Id eq {i}"));
        var response = await _app.Factory.CreateClient().GetAsync($"/odata/Providers?$filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertODataError(await response.Content.ReadAsStringAsync());
    }

    private static void AssertODataError(string body)
    {
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
        Assert.False(error.TryGetProperty("innererror", out _));
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("stacktrace", body, StringComparison.OrdinalIgnoreCase);
    }
}
