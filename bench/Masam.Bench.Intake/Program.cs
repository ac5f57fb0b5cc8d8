using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

// Load generator for feedback intake. Drives a running Masam with N concurrent connections for
// a fixed time against /health/live (the baseline) and then POST /api/v1/feedback, reports
// requests/s, p50/p99 latency and errors for each, and checks that every feedback that got a 2xx
// is in the database. It only talks to the URL it is given (keep it on loopback).
var options = Options.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{ BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };

var providers = await LoadProviderIdsAsync(http);
Console.WriteLine($"target {options.Url}, {options.Connections} connections, {options.Duration.TotalSeconds:0} s per run, {providers.Length} providers");

var health = await RunAsync(http, "GET /health/live", options, _ => new HttpRequestMessage(HttpMethod.Get, "/health/live"), null);
var codes = new System.Collections.Concurrent.ConcurrentBag<string>();
var intake = await RunAsync(http, "POST /api/v1/feedback", options, worker => Submission(worker, providers), codes);

Console.WriteLine();
Console.WriteLine(Result.Header);
Console.WriteLine(health.Row);
Console.WriteLine(intake.Row);
Console.WriteLine($"intake / health rate: {intake.Rate / health.Rate:P0}");

var missing = await MissingFromDatabaseAsync(options.Database, codes);
Console.WriteLine($"accepted feedback: {codes.Count}; missing from the database: {missing}");
return intake.Errors == 0 && health.Errors == 0 && missing == 0 ? 0 : 1;

static HttpRequestMessage Submission(int worker, int[] providers)
{
    var n = Random.Shared.Next();
    var body = new
    {
        providerId = providers[n % providers.Length],
        score = n % 5 + 1,
        comment = n % 3 == 0 ? "Ачаалал шалгах сэтгэгдэл: үйлчилгээ сайн байлаа." : null,
        channel = (n % 4) switch { 0 => "web", 1 => "sms", 2 => "phone", _ => "paper" },
        demographics = new { gender = n % 2 == 0 ? "female" : "male", ageBand = "25-34" },
    };
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback") { Content = JsonContent.Create(body) };
    request.Headers.Add("Idempotency-Key", $"bench-{worker}-{Guid.NewGuid():N}");
    return request;
}

static async Task<Result> RunAsync(HttpClient http, string name, Options options, Func<int, HttpRequestMessage> request, System.Collections.Concurrent.ConcurrentBag<string>? codes)
{
    // Warm up (tiered JIT, connection pool, SQLite pages), then measure.
    await LoopAsync(options.Connections, TimeSpan.FromSeconds(5), request, null);
    var clock = Stopwatch.StartNew();
    var perWorker = await LoopAsync(options.Connections, options.Duration, request, codes);
    var elapsed = clock.Elapsed;
    var latencies = perWorker.SelectMany(w => w.Latencies).Order().ToArray();
    return new Result(name, perWorker.Sum(w => w.Ok), perWorker.Sum(w => w.Errors), elapsed, latencies);

    async Task<Worker[]> LoopAsync(int connections, TimeSpan duration, Func<int, HttpRequestMessage> make, System.Collections.Concurrent.ConcurrentBag<string>? keep)
    {
        using var stop = new CancellationTokenSource(duration);
        return await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            var worker = new Worker();
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(make(i));
                    var text = await response.Content.ReadAsStringAsync();
                    worker.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        worker.Errors++;
                        if (worker.Errors <= 3) Console.Error.WriteLine($"{(int)response.StatusCode}: {text}");
                        continue;
                    }

                    worker.Ok++;
                    if (keep is not null)
                    {
                        keep.Add(JsonDocument.Parse(text).RootElement.GetProperty("trackingCode").GetString()!.Replace("-", ""));
                    }
                }
                catch (HttpRequestException ex)
                {
                    worker.Errors++;
                    Console.Error.WriteLine(ex.Message);
                }
            }

            return worker;
        }));
    }
}

static async Task<int[]> LoadProviderIdsAsync(HttpClient http)
{
    var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/providers?pageSize=500");
    var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToArray();
    return ids.Length > 0 ? ids : throw new InvalidOperationException("The target has no providers: start it with demo data.");
}

static async Task<int> MissingFromDatabaseAsync(string? database, IEnumerable<string> codes)
{
    if (database is null)
    {
        Console.WriteLine("no --db given: persistence not checked");
        return 0;
    }

    // A file path is the SQLite database; a connection string with Host= is PostgreSQL.
    await using System.Data.Common.DbConnection connection = database.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
        ? new Npgsql.NpgsqlConnection(database)
        : new SqliteConnection($"Data Source={database};Mode=ReadOnly");
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT \"TrackingCode\" FROM \"Feedback\"";
    var stored = new HashSet<string>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        stored.Add(reader.GetString(0));
    }

    return codes.Count(c => !stored.Contains(c));
}

internal sealed class Worker
{
    public List<double> Latencies { get; } = new(100_000);
    public int Ok { get; set; }
    public int Errors { get; set; }
}

internal sealed record Result(string Name, int Ok, int Errors, TimeSpan Elapsed, double[] Latencies)
{
    public const string Header = "| endpoint | requests | 2xx/s | p50 ms | p99 ms | errors |\n| --- | ---: | ---: | ---: | ---: | ---: |";

    public double Rate => Ok / Elapsed.TotalSeconds;

    public string Row => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Ok + Errors} | {Rate:0} | {Percentile(0.50):0.00} | {Percentile(0.99):0.00} | {Errors} |");

    private double Percentile(double p) => Latencies.Length == 0 ? double.NaN : Latencies[(int)Math.Min(Latencies.Length - 1, p * Latencies.Length)];
}

internal sealed record Options(string Url, int Connections, TimeSpan Duration, string? Database)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var database = Value("--db", "");
        return new Options(
            Value("--url", "http://127.0.0.1:5099"),
            int.Parse(Value("--connections", "32"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds", "20"), CultureInfo.InvariantCulture)),
            database.Length == 0 ? null : database);
    }
}
