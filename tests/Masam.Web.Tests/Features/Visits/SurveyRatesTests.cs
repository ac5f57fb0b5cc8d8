using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Visits;
using Masam.Web.Infrastructure;
using Masam.Web.Tests.Features.Sms;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Visits;

/// <summary>Staff see the survey's response rates within their scope, upload visit files on the page, and read what visitors are told.</summary>
public sealed class SurveyRatesTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new(("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey));
    private int _zavkhan;
    private int _khuvsgul;

    public async Task InitializeAsync()
    {
        _zavkhan = await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ", "civil-registration");
        _khuvsgul = await _factory.AddProviderAsync("MN26701", "oss-centre", "Мөрөн сумын ТҮНЦТ");
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["MN18101"]);
        await _factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        var now = DateTime.UtcNow;
        await _factory.WithDbAsync(async db =>
        {
            SurveyState[] states = [SurveyState.Answered, SurveyState.Answered, SurveyState.Unanswered, SurveyState.Asked, SurveyState.NotAsked];
            var i = 0;
            foreach (var state in states)
            {
                db.Set<ServiceVisit>().Add(new ServiceVisit
                {
                    ProviderId = _zavkhan, ExternalId = $"z-{i++}", ServiceLineCode = "civil-registration", VisitedAt = now.AddHours(-1), Language = "mn",
                    Origin = "api", Survey = state, ReceivedAt = now, PhoneHash = $"hash-{i}",
                });
            }

            db.Set<ServiceVisit>().Add(new ServiceVisit
            {
                ProviderId = _zavkhan, ExternalId = "z-dnc", VisitedAt = now.AddHours(-1), Language = "mn", Origin = "api", Survey = SurveyState.NotAsked,
                DoNotContact = true, ReceivedAt = now,
            });
            db.Set<ServiceVisit>().Add(new ServiceVisit
            {
                ProviderId = _khuvsgul, ExternalId = "k-1", VisitedAt = now.AddHours(-1), Language = "mn", Origin = "api", Survey = SurveyState.Asked, ReceivedAt = now,
            });
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnOfficial_SeesTheRatesOfTheirUnitsOnly_AnAnalystTheNations()
    {
        var official = await _factory.ClientForAsync("zavkhan@test.mn");
        var rows = await (await official.GetAsync("/api/v1/staff/visits/response-rates")).ReadJsonAsync();
        var zavkhan = Assert.Single(rows.EnumerateArray(), r => r.GetProperty("serviceLine").ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal((5, 4, 2, 0.5), (zavkhan.GetProperty("visits").GetInt32(), zavkhan.GetProperty("asked").GetInt32(),
            zavkhan.GetProperty("answered").GetInt32(), zavkhan.GetProperty("responseRate").GetDouble()));
        Assert.Equal(2, rows.GetArrayLength()); // the do-not-contact visit has no service line: a row of its own
        Assert.DoesNotContain("Мөрөн", rows.ToString());

        var analyst = await _factory.ClientForAsync("analyst@test.mn");
        Assert.Equal(3, (await (await analyst.GetAsync("/api/v1/staff/visits/response-rates")).ReadJsonAsync()).GetArrayLength());
        var month = MongolianTime.MonthOf(DateTime.UtcNow).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal(0, (await (await analyst.GetAsync($"/api/v1/staff/visits/response-rates?month={month}")).ReadJsonAsync()).GetArrayLength());
        await (await analyst.GetAsync("/api/v1/staff/visits/response-rates?month=December")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await analyst.PostAsync("/api/v1/staff/visits/files", new MultipartFormDataContent())).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ThePage_ShowsTheRates_TakesAFile_AndGivesThePosterInBothLanguages()
    {
        var page = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await page.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });
        var html = await page.GetStringAsync("/staff/visits");
        Assert.Contains("Улиастай сумын ТҮНЦТ", html);
        Assert.Contains("50", html); // the response rate
        Assert.Contains("ЗОГС", html);
        Assert.Contains("reply STOP", html);
        Assert.Contains("7 хоногийн", html);

        var code = await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == _zavkhan).Select(p => p.Code).SingleAsync());
        var at = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        async Task<string> UploadAsync(string csv)
        {
            var form = new MultipartFormDataContent { { new StringContent(PageForms.AntiforgeryTokenIn(await page.GetStringAsync("/staff/visits"))), "__RequestVerificationToken" } };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "visits.csv");
            var response = await page.PostAsync("/staff/visits", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var refused = await UploadAsync($"visit_id,provider,visited_at,phone\np-1,{code},{at},99112233\np-2,{code},{at},123\n");
        Assert.Contains("3-р мөр", refused);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Set<ServiceVisit>().CountAsync(v => v.ExternalId.StartsWith("p-"))));
        var taken = await UploadAsync($"visit_id,provider,visited_at,phone\np-1,{code},{at},99112233\np-2,{code},{at},88112233\n");
        Assert.Contains("2 шинэ", taken);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.Set<ServiceVisit>().CountAsync(v => v.ExternalId.StartsWith("p-"))));
    }
}
