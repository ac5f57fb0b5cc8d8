using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Features.Feedback;
using Masam.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Infrastructure;

/// <summary>What the outside review found in the running app, each fixed and kept so.</summary>
public sealed class HardeningTests
{
    /// <summary>A file of the app's project.</summary>
    private static string SourceFile(params string[] path) => Masam.Tests.Shared.TestPlaces.InRepository(["src", "Masam.Web", .. path]);

    [Fact]
    public void TheShippedSettings_HaveNoDemoData_AndDotnetRunStartsInDevelopmentWithIt()
    {
        using var shipped = JsonDocument.Parse(File.ReadAllText(SourceFile("appsettings.json")));
        using var development = JsonDocument.Parse(File.ReadAllText(SourceFile("appsettings.Development.json")));
        using var launch = JsonDocument.Parse(File.ReadAllText(SourceFile("Properties", "launchSettings.json")));

        Assert.False(shipped.RootElement.GetProperty("Masam").GetProperty("SeedDemoData").GetBoolean());
        Assert.True(development.RootElement.GetProperty("Masam").GetProperty("SeedDemoData").GetBoolean());
        var profile = launch.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal("Development", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/%0d%0aSet-Cookie:x=y")]
    public async Task TheLanguageSwitch_SendsAnUnusableReturnAddressHome(string returnUrl)
    {
        using var factory = new MasamAppFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/language/en?returnUrl={returnUrl}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheLanguageSwitch_ReturnsToAPageOfTheSite()
    {
        using var factory = new MasamAppFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/language/en?returnUrl=/reports%3Fperiod%3D2026-Q1");

        Assert.Equal("/reports?period=2026-Q1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ANumberSentAsAString_IsAFieldOfTheWrongType()
    {
        using var factory = new MasamAppFactory();
        var provider = await factory.AddProviderAsync();

        var response = await factory.CreateClient().SendAsync(FeedbackRequests.SubmitRaw($$"""{"providerId": {{provider}}, "score": "5"}""", "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("score"));
        Assert.Equal(0, await factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task OverHttps_EveryCookieIsSecure_EvenWithoutTheHttpsSetting()
    {
        using var factory = new MasamAppFactory();
        await factory.CreateStaffAsync("official@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var language = await client.GetAsync("/language/en?returnUrl=/");
        var form = await client.GetAsync("/account/sign-in");
        var signIn = await client.PostFormAsync("/account/sign-in", new() { ["Email"] = "official@test.mn", ["Password"] = StaffTestAccounts.Password });

        var cookies = new[] { language, form, signIn }.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("masam.staff=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WithACertificate_TheKeysAreStoredEncrypted()
    {
        var folder = Directory.CreateTempSubdirectory("masam-keys-").FullName;
        var pfx = Path.Combine(folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Masam data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "key password"));
        }

        using var factory = new MasamAppFactory(("Masam:DataProtection:CertificatePath", pfx), ("Masam:DataProtection:CertificatePassword", "key password"));
        // Keys stored before (a copied PostgreSQL template has one) stay as they were; every key made from now on is encrypted.
        var before = await factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Id).ToListAsync());
        await factory.CreateStaffAsync("official@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        factory.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var client = await factory.ClientForAsync("official@test.mn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/staff/feedback")).StatusCode);

        var keys = await factory.WithDbAsync(db => db.DataProtectionKeys.Where(k => !before.Contains(k.Id)).Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
        Directory.Delete(folder, recursive: true);
    }
}
