using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Masam.Tests.Shared;

namespace Masam.Web.Tests.Infrastructure;

/// <summary>A test that needs Debian's nginx: skipped with the reason when it is not installed, except under <c>CI=true</c>, where it must run (once: in the SQLite pass).</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public const string Binary = "/usr/sbin/nginx";

    public NginxFactAttribute()
    {
        if (!File.Exists(Binary) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "nginx is not installed (apt-get install -y nginx)";
        }
        else if (TestPostgres.SuiteOnPostgres)
        {
            Skip = "The proxy does not depend on the database: it runs in the SQLite pass";
        }
    }
}

/// <summary>
/// The deployment the README describes, for real: the repository's own nginx site
/// (<c>deploy/nginx/masam.conf</c>, its ports, certificate and upstream replaced) in front of the
/// app on Kestrel with <c>Masam:Proxy:TrustedProxies</c>, clients on two loopback addresses.
/// </summary>
public sealed partial class NginxTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("masam-nginx-").FullName;
    private readonly int _http = FreePort.Next();
    private readonly int _https = FreePort.Next();
    private MasamAppFactory _app = null!;
    private Process? _nginx;
    private byte[] _certificate = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(NginxFactAttribute.Binary)) return;
        var appPort = FreePort.Next();
        _app = new MasamAppFactory(("Masam:Proxy:TrustedProxies:0", "127.0.0.1"), ("Masam:Https:Enabled", "true"), ("Masam:RateLimit:FeedbackPerMinute", "2"));
        _app.UseKestrel(appPort);
        _app.StartServer();

        // A self-signed certificate for 127.0.0.1, as a test's own CA would give.
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
            _certificate = certificate.RawData;
            await File.WriteAllTextAsync(Path.Combine(_folder, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(_folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        var sample = await File.ReadAllTextAsync(TestPlaces.InRepository("deploy", "nginx", "masam.conf"));
        Assert.Contains("server 127.0.0.1:5080;", sample);
        var site = sample
            .Replace("server 127.0.0.1:5080;", $"server 127.0.0.1:{appPort};")
            .Replace("listen 80;", $"listen 127.0.0.1:{_http};").Replace("listen [::]:80;", "")
            .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{_https} ssl http2;").Replace("listen [::]:443 ssl http2;", "")
            .Replace("/etc/ssl/masam/fullchain.pem", Path.Combine(_folder, "cert.pem")).Replace("/etc/ssl/masam/privkey.pem", Path.Combine(_folder, "key.pem"));
        Assert.DoesNotContain("server 127.0.0.1:5080", site); // the sample's upstream was found and replaced
        await File.WriteAllTextAsync(Path.Combine(_folder, "site.conf"), site);
        var temp = Path.Combine(_folder, "temp");
        Directory.CreateDirectory(temp);
        await File.WriteAllTextAsync(Path.Combine(_folder, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            daemon off;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{_folder}}/site.conf;
            }
            """);

        var start = new ProcessStartInfo(NginxFactAttribute.Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", Path.Combine(_folder, "nginx.conf"), "-p", _folder, "-e", Path.Combine(_folder, "error.log") }) start.ArgumentList.Add(argument);
        _nginx = Process.Start(start)!;
        var up = await Eventually.WaitAsync(async () =>
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _https);
                return true;
            }
            catch (SocketException)
            {
                return _nginx.HasExited;
            }
        }, TimeSpan.FromSeconds(30));
        Assert.True(up && !_nginx.HasExited, $"nginx did not start: {(File.Exists(Path.Combine(_folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(_folder, "error.log")) : "")}");
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        _app?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A browser on <paramref name="address"/> (a loopback address of its own) that trusts the test's certificate only and follows no redirect.</summary>
    private HttpClient ClientFrom(string address) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetRawCertData().SequenceEqual(_certificate) == true },
    })
    { BaseAddress = new Uri($"https://127.0.0.1:{_https}") };

    private static HttpRequestMessage Feedback(int provider, string? forwardedFor) => new(HttpMethod.Post, "/api/v1/feedback")
    {
        Content = JsonContent.Create(new { providerId = provider, score = 4 }),
        Headers = { { "X-Forwarded-For", forwardedFor ?? "" } },
    };

    [NginxFact]
    public async Task ThePerAddressLimit_SeesEachClientsOwnAddress_ThroughTheProxy_AndNoClientCanChooseIt()
    {
        var provider = await _app.AddProviderAsync("MN18101");
        using var first = ClientFrom("127.0.0.2");
        using var second = ClientFrom("127.0.0.3");

        // Two a minute from one address, whatever X-Forwarded-For the client writes itself.
        Assert.Equal(HttpStatusCode.Created, (await first.SendAsync(Feedback(provider, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await first.SendAsync(Feedback(provider, "203.0.113.7"))).StatusCode);
        var third = await first.SendAsync(Feedback(provider, "203.0.113.8, 198.51.100.9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("Retry-After"));

        // Another address has its own two: the app saw the clients, not the proxy.
        Assert.Equal(HttpStatusCode.Created, (await second.SendAsync(Feedback(provider, "127.0.0.2"))).StatusCode);
    }

    [NginxFact]
    public async Task Https_WithHsts_RedirectsStayOnHttps_AndPlainHttpIsSentThere()
    {
        using var client = ClientFrom("127.0.0.2");

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(home.Headers.GetValues("Strict-Transport-Security")));

        // The app redirects as the client sees it: https, the proxy's address.
        var staff = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.StartsWith($"https://127.0.0.1:{_https}/account/sign-in", staff.Headers.Location!.ToString());
        var cookies = (await client.GetAsync("/account/sign-in")).Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var insecure = await plain.GetAsync($"http://127.0.0.1:{_http}/feedback?x=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, insecure.StatusCode);
        Assert.Equal("https", insecure.Headers.Location!.Scheme);
        Assert.EndsWith("/feedback?x=1", insecure.Headers.Location.ToString());
    }

    [NginxFact]
    public async Task Metrics_AreNotReachableThroughTheProxy_ButTheAppServesThemInside()
    {
        using var client = ClientFrom("127.0.0.2");

        foreach (var path in new[] { "/metrics", "/metrics/", "/METRICS", "/metrics?x=1", "//metrics" })
        {
            var response = await client.GetAsync(new Uri($"https://127.0.0.1:{_https}{path}"));
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
        }

        Assert.Contains("# TYPE", await _app.CreateClient().GetStringAsync("/metrics")); // Prometheus scrapes the app's own port
    }
}
