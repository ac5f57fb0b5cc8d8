using System.Net;
using Masam.Web.Features.Accounts;
using Masam.Web.Tests.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Pages;

public sealed class ProviderAdminPagesTests : IAsyncLifetime
{
    private readonly MasamAppFactory _factory = new();
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        _browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await _browser.PostFormAsync("/account/sign-in", new() { ["Email"] = "admin@test.mn", ["Password"] = StaffTestAccounts.Password });
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private static List<KeyValuePair<string, string>> Form(string code, string nameMn) =>
    [
        new("Input.Code", code), new("Input.NameMn", nameMn), new("Input.NameEn", "Tosontsengel soum school"),
        new("Input.Type", "general-school"), new("Input.AdminUnit", "MN18140"),
        new("Input.ServiceLines", "general-education"), new("Input.ServiceLines", "school-meals"),
        new("Input.RegistrationNumber", ""), new("Input.AddressMn", ""),
    ];

    [Fact]
    public async Task Administrator_AddsAProviderThroughTheForm_AndFindsItInTheList()
    {
        var saved = await _browser.PostFormAsync("/admin/providers/new", Form("SCH-MN18140-1", "Тосонцэнгэл сумын 1-р сургууль"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await _browser.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Хадгаллаа.", page);
        Assert.Contains("value=\"Тосонцэнгэл сумын 1-р сургууль\"", page);
        Assert.Contains("value=\"school-meals\" checked=\"checked\"", page);
        Assert.Contains("<option value=\"MN18140\" selected=\"selected\">", page);

        var list = await _browser.GetStringAsync("/admin/providers?q=tosontsengel");
        Assert.Contains("Тосонцэнгэл сумын 1-р сургууль", list);
        Assert.Contains("Нийт 1 байгууллага", list);
        var lines = await _factory.WithDbAsync(db => db.Providers.Where(p => p.Code == "SCH-MN18140-1").SelectMany(p => p.ServiceLines).Select(l => l.Code).OrderBy(c => c).ToListAsync());
        Assert.Equal(["general-education", "school-meals"], lines);
    }

    [Fact]
    public async Task ARefusedForm_ComesBackWithWhatWasTyped_AndEachFieldsMessage()
    {
        var form = Form("бичиг үсэг", "Тосонцэнгэл сумын 1-р сургууль");
        form.RemoveAll(f => f.Key == "Input.ServiceLines");

        var response = await _browser.PostFormAsync("/admin/providers/new", form, formPage: "/admin/providers/new");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Тосонцэнгэл сумын 1-р сургууль\"", html);
        Assert.Contains("Үзүүлдэг дор хаяж нэг үйлчилгээг сонгоно уу.", html);
        Assert.Contains("Кодыг латин үсэг", html);
        Assert.Contains("aria-describedby=\"h-code e-code\"", html);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Providers.CountAsync()));
    }

    [Fact]
    public async Task Administrator_TakesAProviderOutOfService_FromItsPage()
    {
        var id = await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ");
        Assert.Contains($"action=\"/admin/providers/{id}?handler=Active&amp;active=false\"", await _browser.GetStringAsync($"/admin/providers/{id}"));

        var response = await _browser.PostFormAsync($"/admin/providers/{id}?handler=Active&active=false", [], formPage: $"/admin/providers/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == id).Select(p => p.IsActive).SingleAsync()));
        var page = await _browser.GetStringAsync($"/admin/providers/{id}");
        Assert.Contains("Үйл ажиллагаа зогссон", page);
        Assert.DoesNotContain("Улиастай сумын ТҮНЦТ", await _browser.GetStringAsync("/admin/providers"));
        Assert.Contains("Улиастай сумын ТҮНЦТ", await _browser.GetStringAsync("/admin/providers?inactive=true"));
    }

    [Fact]
    public async Task ProviderPages_AreForAdministratorsOnly()
    {
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var official = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await official.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });

        var response = await official.GetAsync("/admin/providers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await _browser.GetAsync("/admin/providers/999999")).StatusCode);
    }
}
