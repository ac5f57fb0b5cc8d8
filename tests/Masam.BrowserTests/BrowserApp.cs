using System.Net.Http.Json;
using Masam.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>
/// The whole app on Kestrel at a free port on loopback, on a SQLite file of its own with the demo
/// data and the figures counted, and one Chromium (Debian's, no download) for every test.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "masam-browser", Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> _factory;
    private IPlaywright? _playwright;

    private readonly string? _postgres = TestPostgres.SuiteOnPostgres ? TestPostgres.CreateDatabase("masam_browser") : null;

    public BrowserApp() : this("Testing")
    {
    }

    /// <summary>The app in another environment (Development: the README's <c>dotnet run</c>, demo accounts and reports included).</summary>
    protected BrowserApp(string environment)
    {
        Directory.CreateDirectory(_folder);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            if (environment == "Development")
            {
                builder.UseSetting("Masam:Publications:SigningKeyPath", Path.Combine(_folder, "demo-signing-key.pem")); // made for the demo
            }

            builder.UseSetting("Urls", "http://127.0.0.1:0"); // a free port: appsettings.json names 5080, which another run may hold
            builder.UseSetting("Database:Provider", _postgres is null ? "Sqlite" : "Postgres");
            builder.UseSetting("ConnectionStrings:Masam", _postgres ?? $"Data Source={Path.Combine(_folder, "masam.db")}");
            builder.UseSetting("Masam:SeedDemoData", "true");
            builder.UseSetting("Masam:RateLimit:FeedbackPerMinute", "0");
            builder.UseSetting("Masam:RateLimit:SignInPerMinute", "0");
            builder.UseSetting("Masam:Jobs:Storage", "InMemory");
            builder.UseSetting("Masam:Figures:AggregateOnStart", "true");
            builder.UseSetting("Masam:Publications:PublishedPath", Path.Combine(_folder, "published"));
            builder.UseSetting("Masam:Publications:DraftPath", Path.Combine(_folder, "drafts"));
        });
        _factory.UseKestrel(0);
    }

    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _factory.Services;

    /// <summary>Where each test's screenshots go: TestResults/screenshots beside the test project's output.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The path of a screenshot by its name.</summary>
    public static string Shot(string name) => Path.Combine(Screenshots, name);

    /// <summary>The last quarter that has ended in Mongolia (UTC+8), <c>2026-Q3</c>: the latest a report can be drafted for.</summary>
    public static string LastEndedQuarter()
    {
        var today = Masam.Web.Infrastructure.MongolianTime.DateOf(DateTime.UtcNow);
        return Masam.Web.Features.Figures.FigurePeriod.QuarterOf(today.AddMonths(-3)).Name;
    }

    public async Task InitializeAsync()
    {
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await _factory.DisposeAsync();
        TestPlaces.Remove(_folder, _postgres);
    }

    public const string StaffPassword = "a long browser test password";

    /// <summary>Creates a staff account (password <see cref="StaffPassword"/>).</summary>
    public async Task CreateStaffAsync(string email, string role, string[]? units = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var (account, _) = await scope.ServiceProvider.GetRequiredService<Masam.Web.Features.Accounts.StaffAdministration>().CreateAsync(
            new Masam.Web.Features.Accounts.CreateStaffRequest { Email = email, DisplayName = email, Password = StaffPassword, Role = role, AdminUnits = units },
            CancellationToken.None);
        Assert.NotNull(account);
    }

    /// <summary>Signs the page in through the sign-in form.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = StaffPassword)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// What an Admin meets at their first sign-in (two-factor sign-in is required for Admin, as shipped):
    /// the set-up page, whose key an authenticator app (Otp.NET here) turns into a code; the recovery
    /// codes shown once; then on to where they were going. Gives the page's serious accessibility
    /// problems and the recovery codes (for a later sign-in in another browser).
    /// </summary>
    public static async Task<(IReadOnlyList<string> Problems, IReadOnlyList<string> RecoveryCodes)> SetUpTwoFactorAsync(IPage page)
    {
        await page.GotoAsync("/staff");
        Assert.Contains("/account/two-factor", page.Url);
        Assert.Equal(1, await page.Locator("svg.qr").CountAsync());
        var problems = await Accessibility.SeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Shot($"two-factor-setup-{page.ViewportSize?.Width}.png"), FullPage = true });
        var key = (await page.InnerTextAsync("code.secret-key")).Replace(" ", "").ToUpperInvariant();
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
        await page.FillAsync("#f-code", code);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var recovery = await page.Locator("ol.recovery-codes li").AllInnerTextsAsync();
        Assert.Equal(10, recovery.Count);
        await page.ScreenshotAsync(new() { Path = Shot($"two-factor-recovery-codes-{page.ViewportSize?.Width}.png"), FullPage = true });
        await page.ClickAsync("a.button[href='/staff']");
        await page.WaitForURLAsync("**/staff");
        return (problems, [.. recovery.Select(c => c.Trim())]);
    }

    /// <summary>The sign-in's second step, after <see cref="SignInAsync"/>: an authenticator's code or a recovery code.</summary>
    public static async Task EnterCodeAsync(IPage page, string code)
    {
        Assert.Contains("/account/sign-in/code", page.Url);
        await page.FillAsync("#f-code", code);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>An API client with the account's bearer token, for arranging what a browser test starts from.</summary>
    public async Task<HttpClient> ApiClientAsync(string email)
    {
        var api = new HttpClient { BaseAddress = BaseAddress };
        var response = await api.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = StaffPassword });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return api;
    }

    /// <summary>A phone-sized page (390 × 844, touch) or an office screen, in Mongolian unless told, with scripts unless told.</summary>
    public async Task<IPage> PageAsync(bool phone, string? language = null, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(phone
            ? new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, BypassCSP = true, BaseURL = BaseAddress.ToString(), JavaScriptEnabled = javaScript }
            : new() { ViewportSize = new() { Width = 1366, Height = 900 }, BypassCSP = true, BaseURL = BaseAddress.ToString(), JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        if (language is not null) await page.GotoAsync($"/language/{language}?returnUrl=%2F");
        return page;
    }
}

/// <summary>A browser test: skipped with the reason when Chromium is missing, except in CI, where it must run.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserApp.ChromiumPath) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"Chromium is not installed at {BrowserApp.ChromiumPath} (apt-get install -y chromium); .ci/run installs it and runs these tests.";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
