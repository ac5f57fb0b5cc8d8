using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Sms;

/// <summary>A test that needs Kannel: skipped with the reason when it is not installed, except under <c>CI=true</c>, where it must run.</summary>
public sealed class KannelFactAttribute : FactAttribute
{
    public KannelFactAttribute()
    {
        if (!RealKannel.IsInstalled && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "Kannel is not installed (apt-get install -y kannel kannel-extras)";
        }
    }
}

/// <summary>
/// The app on Kestrel at a free port, with a real Kannel in front of it (bearerbox and smsbox from
/// Debian's package, started by <c>tests/kannel.sh</c>): smsbox hands every SMS to the app, the app
/// replies through Kannel's sendsms, and the replies come out at the fake operator link, where
/// <see cref="FakeOperator"/> (kannel-extras' fakesmsc) reads them.
/// </summary>
public partial class RealKannel : IAsyncLifetime
{
    public const string Secret = "kannel-test-gateway-secret-0123";
    private const string Script = "tests/kannel.sh";
    public const string FakeSmsc = "/usr/lib/kannel/test/fakesmsc";

    public static bool IsInstalled => File.Exists("/usr/sbin/bearerbox") && File.Exists(FakeSmsc);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "masam-kannel", Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _operatorLine = new(1, 1);

    public MasamAppFactory App { get; private set; } = null!;

    /// <summary>The app's clock, when a fixture drives time (the survey's delays and quiet hours); the real one otherwise.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Clock { get; protected init; }
    public HttpClient Client { get; private set; } = null!;
    public int SmscPort { get; private set; }

    public async Task InitializeAsync()
    {
        var appPort = FreePort.Next();
        var started = await RunScriptAsync("start", _folder, $"http://127.0.0.1:{appPort}", Secret);
        var settings = started.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        SmscPort = int.Parse(settings["smsc"]);
        App = new MasamAppFactory(
            ("Masam:Sms:GatewaySecret", Secret), ("Masam:Sms:PhoneHashKey", "kannel-test-phone-hash-key-0123456789"),
            ("Masam:Sms:Gateway", "kannel"), ("Masam:Sms:ShortNumber", "1411"),
            ("Masam:Sms:Kannel:SendUrl", settings["sendsms"]), ("Masam:Sms:Kannel:UserName", settings["username"]),
            ("Masam:Sms:Kannel:Password", settings["password"]), ("Masam:Sms:Kannel:From", "1411"),
            ("Masam:Sms:Kannel:CallbackBaseUrl", $"http://127.0.0.1:{appPort}"));
        if (Clock is { } clock) App.ConfigureServices = services => services.AddSingleton<TimeProvider>(clock);
        App.UseKestrel(appPort);
        App.StartServer();
        Client = App.CreateClient();
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        App?.Dispose();
        await RunScriptAsync("stop", _folder);
    }

    /// <summary>
    /// Sends one SMS from <paramref name="from"/> to 1411 through the fake operator link and returns
    /// the first <paramref name="replies"/> messages the operator link is given for that number.
    /// </summary>
    public async Task<IReadOnlyList<string>> SendAsync(string from, string text, int replies = 1)
    {
        await _operatorLine.WaitAsync();
        try
        {
            using var fake = new FakeOperator(SmscPort, $"{from} 1411 {FakeOperator.Encode(text)}");
            return await fake.RepliesToAsync(from, replies);
        }
        finally
        {
            _operatorLine.Release();
        }
    }

    /// <summary>Listens on the operator link without sending, for messages Masam sends unprompted (notifications).</summary>
    public async Task<IReadOnlyList<string>> ListenAsync(string to, int messages)
    {
        await _operatorLine.WaitAsync();
        try
        {
            using var fake = new FakeOperator(SmscPort, null);
            return await fake.RepliesToAsync(to, messages);
        }
        finally
        {
            _operatorLine.Release();
        }
    }


    /// <summary>What smsbox has logged so far (warnings about Masam's answers among it).</summary>
    public string SmsboxLog() => File.Exists(Path.Combine(_folder, "smsbox.log")) ? File.ReadAllText(Path.Combine(_folder, "smsbox.log")) : "";

    private static async Task<string> RunScriptAsync(params string[] arguments)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, Script)) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{Script} {arguments[0]} failed: {await error}");
        return (await output).Trim();
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Masam.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Masam.sln not found above the test's folder.");
    }
}

/// <summary>
/// kannel-extras' <c>fakesmsc</c> on the fake operator link: sends one message (or none) and prints
/// every message Kannel gives the operator to deliver, which this reads and decodes.
/// </summary>
public sealed partial class FakeOperator : IDisposable
{
    private readonly Process _process;
    private readonly List<(string To, string Text)> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public FakeOperator(int smscPort, string? message)
    {
        var start = new ProcessStartInfo(RealKannel.FakeSmsc) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-r", smscPort.ToString(), "-i", "0", "-m", message is null ? "0" : "1", "-v", "0", message ?? "0 0 text none" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>A message in fakesmsc's format: plain text when it is ASCII, else UCS-2, URL-encoded.</summary>
    public static string Encode(string text) => text.All(char.IsAscii) && text.Length > 0
        ? $"text {text}"
        : $"ucs2 {string.Concat(Encoding.BigEndianUnicode.GetBytes(text.Length == 0 ? " " : text).Select(b => $"%{b:x2}"))}";

    public async Task<IReadOnlyList<string>> RepliesToAsync(string to, int count)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            lock (_received)
            {
                var found = _received.Where(r => r.To == to).Select(r => r.Text).ToList();
                if (found.Count >= count) return found;
            }

            var left = limit - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"The operator link got no {count} message(s) for {to} within 2 minutes; it got: " +
                string.Join(" | ", _received.Select(r => $"{r.To}: {r.Text}")));
            await _arrived.WaitAsync(left);
        }
    }

    // "Got message 1: <1411 99112233 ucs-2 %04%11...>" or "<1411 99112233 text Bayarlalaa>"
    [GeneratedRegex(@"Got message \d+: <(\S+) (\S+) (text|ucs-2|data) ?(.*)>$")]
    private static partial Regex Line();

    private void Read(string? line)
    {
        if (line is null || Line().Match(line) is not { Success: true } match) return;
        var (to, type, data) = (match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value);
        var text = type == "ucs-2" ? Encoding.BigEndianUnicode.GetString(WebUtility.UrlDecodeToBytes(Encoding.ASCII.GetBytes(data), 0, data.Length)) : data;
        lock (_received) _received.Add((to, text));
        _arrived.Release();
    }

    public void Dispose()
    {
        try { _process.Kill(); } catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
