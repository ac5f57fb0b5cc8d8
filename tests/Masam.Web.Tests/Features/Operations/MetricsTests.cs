using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Operations;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static Masam.Web.Tests.FeedbackRequests;

namespace Masam.Web.Tests.Features.Operations;

/// <summary>
/// A test that needs Prometheus: skipped with the reason when it is not installed, except under
/// <c>CI=true</c>, where it must run (once: in the SQLite pass).
/// </summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public const string Binary = "/usr/bin/prometheus";

    public PrometheusFactAttribute()
    {
        if (!File.Exists(Binary) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "Prometheus is not installed (apt-get install -y prometheus)";
        }
        else if (Masam.Tests.Shared.TestPostgres.SuiteOnPostgres)
        {
            Skip = "Scraping does not depend on the database: it runs in the SQLite pass";
        }
    }
}

/// <summary>
/// The metrics endpoint on a real Kestrel: Prometheus' text format to an allowed address, a
/// problem response to any other; and Debian's Prometheus scraping it, whose HTTP API then holds
/// Masam's own series.
/// </summary>
public sealed class MetricsTests
{
    private static MasamAppFactory OnKestrel(out int port, params (string Key, string? Value)[] settings)
    {
        var app = new MasamAppFactory(settings);
        port = FreePort.Next();
        app.UseKestrel(port);
        app.StartServer();
        return app;
    }

    [Fact]
    public async Task Metrics_AreServedInPrometheusFormat_WithMasamsOwnSeries()
    {
        using var app = OnKestrel(out _);
        var client = app.CreateClient();
        var provider = await app.AddProviderAsync("MN18101");
        (await client.SendAsync(Submit(new { providerId = provider, score = 4 }))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Submit(new { providerId = provider, score = 9 }))).StatusCode);

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches("""masam_feedback_submissions_total\{[^}]*channel="web"[^}]*outcome="accepted"[^}]*\} 1""", text);
        Assert.Matches("""masam_feedback_submissions_total\{[^}]*channel="web"[^}]*outcome="refused"[^}]*reason="score"[^}]*\} 1""", text);
        Assert.Contains("masam_writer_batch_size_bucket", text);
        Assert.Contains("masam_writer_commit_duration_seconds_bucket", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("dotnet_gc_collections_total", text);
    }

    [Fact]
    public async Task EveryRefusal_IsCounted_ByChannelAndReason_WithJobRunsAndTheLatestBackup()
    {
        using var app = OnKestrel(out _, ("Masam:Sms:GatewaySecret", Sms.SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", Sms.SmsEndpointTests.HashKey),
            ("Masam:Sms:MaxPerPhonePerHour", "3"));
        var client = app.CreateClient();
        var provider = await app.AddProviderAsync("MN18101", serviceLines: ["civil-registration"]);
        var code = await Sms.SmsEndpointTests.GiveSmsCodesAsync(app, provider);

        // The API: bodies refused before the rules see them, and a bad Idempotency-Key.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(FeedbackRequests.SubmitRaw("{\"score\":", "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(FeedbackRequests.SubmitRaw($"{{\"providerId\":{provider},\"score\":5,\"score\":1}}", "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Submit(new { providerId = provider, score = 4 }, new string('k', 300)))).StatusCode);
        // SMS: help replies for a mistake, an unknown provider, and the phone's limit.
        foreach (var (message, i) in new[] { $"rate 9 {code}", "rate 4 ZZZ99", "hello there", $"rate 4 {code}" }.Select((t, i) => (t, i)))
        {
            (await client.GetAsync($"/api/v1/sms/kannel?key={Sms.SmsEndpointTests.Secret}&from=99110077&text={Uri.EscapeDataString(message)}&id=m-{i}")).EnsureSuccessStatusCode();
        }

        // Open311: no key, and a post the rules refuse.
        var (_, key) = await Open311.Open311Tests.IssueKeyAsync(app, "Metrics client");
        var form = (Dictionary<string, string> fields) => new FormUrlEncodedContent(fields);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/open311/v2/requests.json", form(new() { ["service_code"] = "general" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/open311/v2/requests.json", form(new() { ["api_key"] = key }))).StatusCode);

        // A job's run, and a backup recorded as the command records it.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>().Enqueue<Masam.Web.Features.Reminders.OverdueCheck>(c => c.ExecuteAsync(CancellationToken.None));
            await scope.ServiceProvider.GetRequiredService<BackupHistory>().RecordAsync(new BackupResult(true, "/backups/masam-1", 1, 1, null, 0.1, null), CancellationToken.None);
        }

        var text = "";
        Assert.True(await Eventually.WaitAsync(async () => (text = await client.GetStringAsync("/metrics")).Contains("masam_jobs_runs_total")), "no job run was counted");
        foreach (var (channel, reason) in new[]
        {
            ("web", "body"), ("web", "Idempotency-Key"), ("sms", "score-out-of-range"), ("sms", "unknown-provider"), ("sms", "not-understood"),
            ("sms", "rate-limit"), ("open311", "api_key"), ("open311", "service_code"),
        })
        {
            Assert.Matches($$"""masam_feedback_submissions_total\{[^}]*channel="{{channel}}"[^}]*outcome="refused"[^}]*reason="{{reason}}"[^}]*\} \d""", text);
        }

        Assert.Matches("""masam_feedback_submissions_total\{[^}]*channel="web"[^}]*outcome="refused"[^}]*reason="body"[^}]*\} 2""", text);
        Assert.Matches("""masam_jobs_runs_total\{[^}]*job="OverdueCheck.ExecuteAsync"[^}]*outcome="succeeded"[^}]*\} 1""", text);
        Assert.Matches("""masam_backup_last_time_seconds\{[^}]*outcome="succeeded"[^}]*\} \d""", text);
    }

    [Fact]
    public async Task Metrics_ToAnAddressNotOnTheList_AreRefusedWithAProblem()
    {
        using var app = OnKestrel(out _, ("Masam:Metrics:AllowedAddresses:0", "10.20.30.0/24"));

        var response = await app.CreateClient().GetAsync("/metrics");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Masam:Metrics:AllowedAddresses", problem.GetProperty("detail").GetString());
        Assert.Contains("127.0.0.1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Metrics_ThroughTheTestServer_WithNoKnownAddress_AreRefused()
    {
        using var app = new MasamAppFactory();

        var response = await app.CreateClient().GetAsync("/metrics");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [PrometheusFact]
    public async Task Prometheus_ScrapesTheApp_AndItsApiHoldsTheSubmissionsCounter()
    {
        using var app = OnKestrel(out var appPort);
        var client = app.CreateClient();
        var provider = await app.AddProviderAsync("MN18101");
        for (var i = 0; i < 3; i++)
        {
            (await client.SendAsync(Submit(new { providerId = provider, score = 2 + i }))).EnsureSuccessStatusCode();
        }

        var folder = Path.Combine(Path.GetTempPath(), "masam-prometheus", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: masam
                metrics_path: /metrics
                static_configs:
                  - targets: ['127.0.0.1:{appPort}']
            """);
        var promPort = FreePort.Next();
        var start = new ProcessStartInfo(PrometheusFactAttribute.Binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address=127.0.0.1:{promPort}",
            },
        };
        using var prometheus = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        prometheus.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}") };
            var query = Uri.EscapeDataString("""sum(masam_feedback_submissions_total{job="masam",outcome="accepted"})""");
            double? seen = null;
            var scraped = await Eventually.WaitAsync(async () =>
            {
                try
                {
                    var answer = await api.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={query}");
                    var result = answer.GetProperty("data").GetProperty("result");
                    if (result.GetArrayLength() == 0) return false;
                    seen = double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    return seen == 3;
                }
                catch (HttpRequestException)
                {
                    return false; // Prometheus is still starting
                }
            }, TimeSpan.FromMinutes(1));

            Assert.True(scraped, $"Prometheus' API gave {seen?.ToString() ?? "no series"}; its log:\n{log}");
            var targets = await api.GetFromJsonAsync<JsonElement>("/api/v1/targets");
            Assert.Equal("up", targets.GetProperty("data").GetProperty("activeTargets")[0].GetProperty("health").GetString());
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
