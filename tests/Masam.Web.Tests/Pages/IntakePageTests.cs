using System.Net;
using System.Text.RegularExpressions;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Tests.Features.Sms;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Pages;

/// <summary>An intake operator takes feedback by phone, reads the code back, and looks a caller's item up.</summary>
public sealed partial class IntakePageTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _operator = null!;
    private string _smsCode = null!;

    public async Task InitializeAsync()
    {
        var providerId = await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын нэг цэгийн төв", "civil-registration");
        _smsCode = await SmsEndpointTests.GiveSmsCodesAsync(_factory, providerId);
        await _factory.CreateStaffAsync("operator@test.mn", StaffRoles.IntakeOperator);
        _operator = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await _operator.PostFormAsync("/account/sign-in", new() { ["Email"] = "operator@test.mn", ["Password"] = StaffTestAccounts.Password })).EnsureRedirect();
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex("class=\"tracking-code\">([0-9A-Z-]{14})<")]
    private static partial Regex TakenCode();

    [Fact]
    public async Task AnOperator_FindsTheProvider_TakesTheCallersFeedback_AndReadsTheCodeBack()
    {
        var search = await _operator.GetStringAsync("/staff/intake?q=Улиастай");
        Assert.Contains(_smsCode, search);

        var taken = await _operator.PostFormAsync("/staff/intake", new()
        {
            ["Input.Provider"] = _smsCode.ToLowerInvariant(), ["Input.Score"] = "2", ["Input.Comment"] = "Утсаар: дараалал урт",
        });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var code = TakenCode().Match(await taken.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(code);

        var stored = await _factory.WithDbAsync(db => db.Feedback.Include(f => f.Contact).SingleAsync());
        Assert.Equal((FeedbackChannel.Phone, 2, "Утсаар: дараалал урт"), (stored.Channel, stored.Score, stored.Comment));
        Assert.Equal(TrackingCodes.Normalize(code), stored.TrackingCode);
        Assert.Null(stored.Contact); // no caller id

        var lookup = await _operator.GetStringAsync($"/staff/intake?code={code}");
        Assert.Contains("Хүлээн авсан", lookup);
    }

    [Fact]
    public async Task AnUnknownCode_OrNoScore_IsRefused_NamingTheField_AndNothingIsStored()
    {
        var refused = await _operator.PostFormAsync("/staff/intake", new() { ["Input.Provider"] = "ZZZ999", ["Input.Score"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("ZZZ999", page);
        Assert.Contains("href=\"#f-provider\"", page);
        Assert.Contains("href=\"#f-score\"", page);
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task OtherStaff_CannotUseTheIntakePage_AndTheOperatorHasNoInbox()
    {
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var official = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await official.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password })).EnsureRedirect();
        var denied = await official.GetAsync("/staff/intake");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);

        var home = await _operator.GetStringAsync("/staff");
        Assert.Contains("/staff/intake", home);
        Assert.DoesNotContain("href=\"/staff/inbox\"", home);
    }
}

internal static class RedirectAssertions
{
    public static void EnsureRedirect(this HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {response.StatusCode}");
}
