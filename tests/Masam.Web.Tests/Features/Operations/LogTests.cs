using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Masam.Tests.Shared;

namespace Masam.Web.Tests.Features.Operations;

/// <summary>
/// The app as an operator runs it, in its own process with JSON console logs
/// (<c>Logging:Console:FormatterName=json</c>): every line is a JSON object; a problem answer's
/// traceId is on the log line of that request; and nothing a citizen gave to be contacted (a
/// phone number, an e-mail address, by the web form's API or by SMS) is anywhere in the log.
/// </summary>
public sealed class LogTests : IDisposable
{
    private const string Phone = "99118844";
    private const string Email = "tsetseg.log-test@example.mn";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "masam-tests", $"logs-{Guid.NewGuid():N}");
    private readonly string? _postgres = TestPostgres.SuiteOnPostgres ? TestPostgres.CreateDatabase("masam_logs") : null;

    public void Dispose() => TestPlaces.Remove(_folder, _postgres);

    [Fact]
    public async Task JsonLogs_CarryTheProblemsTraceId_AndNoCitizensPhoneOrEmail()
    {
        Directory.CreateDirectory(_folder);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPlaces.InRepository("src", "Masam.Web") };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Masam.Web.dll"));
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Information",
            ["Database__Provider"] = _postgres is null ? "Sqlite" : "Postgres",
            ["ConnectionStrings__Masam"] = _postgres ?? $"Data Source={Path.Combine(_folder, "masam.db")}",
            ["Masam__Jobs__Storage"] = "InMemory",
            ["Masam__Publications__PublishedPath"] = Path.Combine(_folder, "published"),
            ["Masam__Publications__DraftPath"] = Path.Combine(_folder, "drafts"),
            ["Masam__Sms__GatewaySecret"] = "log-test-gateway-secret-0123456789",
            ["Masam__Sms__PhoneHashKey"] = "log-test-phone-hash-key-0123456789",
            ["Masam__Sms__ShortNumber"] = "1411",
            ["Masam__RateLimit__FeedbackPerMinute"] = "0",
            ["Masam__Bootstrap__AdminEmail"] = "it.officer@masam.test",
            ["Masam__Bootstrap__AdminPassword"] = "a long operator password",
        })
        {
            start.Environment[key] = value;
        }

        var log = new StringBuilder();
        using var app = Process.Start(start)!;
        app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        string traceId;
        string trackingCode;
        string sharedKey;
        string recoveryCode;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.True(await Eventually.WaitAsync(async () =>
            {
                try { return (await client.GetAsync("/health/ready")).IsSuccessStatusCode; }
                catch (HttpRequestException) { return false; }
            }, TimeSpan.FromMinutes(2)), $"the app did not start:\n{log}");

            // An Admin as shipped: signed in by password, sets up the authenticator (Otp.NET plays the app), then signs in with a recovery code.
            var admin = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "it.officer@masam.test", password = "a long operator password" });
            var firstToken = (await admin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", firstToken);
            sharedKey = (await (await client.PostAsync("/api/v1/account/two-factor/authenticator", null)).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("sharedKey").GetString()!.Replace(" ", "").ToUpperInvariant();
            var appCode = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(sharedKey)).ComputeTotp(DateTime.UtcNow);
            var confirmed = await client.PostAsJsonAsync("/api/v1/account/two-factor/authenticator/confirm", new { code = appCode });
            Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
            recoveryCode = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes")[0].GetString()!;
            client.DefaultRequestHeaders.Authorization = null;
            admin = await client.PostAsJsonAsync("/api/v1/auth/sign-in",
                new { email = "it.officer@masam.test", password = "a long operator password", twoFactorRecoveryCode = recoveryCode });
            var token = (await admin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/providers")
            {
                Content = JsonContent.Create(new { code = "LOG-OSS-1", nameMn = "Улиастай хотын ТҮЦ", nameEn = "Uliastai OSS", type = "oss-centre", adminUnit = "MN18101", serviceLines = new[] { "social-insurance" }, smsCode = "LOG1" }),
            };
            create.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var created = await client.SendAsync(create);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var provider = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var accepted = await client.PostAsJsonAsync("/api/v1/feedback", new
            {
                providerId = provider, score = 2, comment = "Утсаар холбогдоно уу",
                contact = new { name = "Цэцэг", phone = Phone, email = Email, notify = true },
            });
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
            trackingCode = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
            // Reopening an item not yet answered is refused: a problem logged for a path holding the citizen's code.
            var reopen = await client.PostAsJsonAsync($"/api/v1/feedback/{trackingCode}/reopen", new { reason = "Шийдэгдээгүй" });
            Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
            var sms = await client.GetAsync($"/api/v1/sms/kannel?from=%2B976{Phone}&text={Uri.EscapeDataString("LOG1 3 сайн")}&id=log-1&key=log-test-gateway-secret-0123456789");
            Assert.True(sms.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"{sms.StatusCode}");
            var refused = await client.PostAsJsonAsync("/api/v1/feedback", new { providerId = provider, score = 11, contact = new { phone = Phone, email = Email } });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            traceId = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString()!;
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("Category", out _)));

        // The traceId of a problem is W3C's 00-<trace>-<span>-<flags>; the log's scope holds <trace>.
        var trace = traceId.Split('-')[1];
        var problemLine = entries.SingleOrDefault(e => e.GetProperty("Category").GetString() == "Masam.Problems"
            && e.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(s => s.TryGetProperty("TraceId", out var t) && t.GetString() == trace));
        Assert.True(problemLine.ValueKind == JsonValueKind.Object, $"no log line carries trace {trace}");
        Assert.Contains("400", problemLine.GetProperty("Message").GetString());

        var text = log.ToString();
        // A tracking code is a credential: no line names it, in any form, nor the path that held it.
        Assert.DoesNotContain(trackingCode, text);
        Assert.DoesNotContain(trackingCode.Replace("-", ""), text);
        Assert.Contains(entries, e => e.GetProperty("Category").GetString() == "Masam.Problems"
            && e.GetProperty("Message").GetString()!.Contains("/api/v1/feedback/{trackingCode}/reopen answered 409"));
        Assert.DoesNotContain(Phone, text);
        Assert.DoesNotContain(Email, text);
        Assert.DoesNotContain("log-test-gateway-secret", text);
        // Nor the authenticator's key, nor a recovery code.
        Assert.DoesNotContain(sharedKey, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(recoveryCode, text, StringComparison.OrdinalIgnoreCase);
    }
}
