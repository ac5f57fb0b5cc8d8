using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
