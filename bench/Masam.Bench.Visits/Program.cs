using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

// Service-visit benchmark. Writes one CSV of `--rows` visits (150 demo providers, the last day,
// random 8-digit numbers), uploads it to a running Masam (POST /api/v1/staff/visits/files, timed end
// to end, the server's peak memory read from /proc beside the file's size), and in the same run
// inserts the same rows into a fresh SQLite file with one prepared statement in one transaction,
// with the same unique index: the floor. Then runs the survey's round over them (POST
// /api/v1/admin/jobs/survey-round: drawing a million visits) and times it.
var url = Arg("--url", "http://127.0.0.1:5097");
var pid = int.Parse(Arg("--pid", "0"), CultureInfo.InvariantCulture);
var count = int.Parse(Arg("--rows", "1000000"), CultureInfo.InvariantCulture);

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(60) };
var tokens = await (await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "bench-admin@masam.test", password = "bench admin password" }))
    .Content.ReadFromJsonAsync<JsonElement>();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
var listed = await http.GetFromJsonAsync<JsonElement>("/api/v1/providers?pageSize=500");
var providers = listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).Take(150).ToList();

var random = new Random(7);
var now = DateTime.UtcNow.AddHours(8); // Mongolian time, as a centre's file has it
var rows = new List<(string Id, int Provider, string VisitedAt, string Phone)>(count);
var file = Path.Combine(Path.GetTempPath(), $"masam-bench-visits-{Guid.NewGuid():N}.csv");
await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
{
    await writer.WriteLineAsync("visit_id,provider,visited_at,phone");
    for (var i = 0; i < count; i++)
    {
        var provider = random.Next(providers.Count);
        var at = now.AddMinutes(-random.Next(30, 24 * 60)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var phone = (random.Next(8) switch { 0 => "99", 1 => "88", 2 => "91", 3 => "98", 4 => "95", 5 => "80", 6 => "94", _ => "86" })
            + random.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        rows.Add(($"V{i:D8}", provider, at, phone));
        await writer.WriteLineAsync($"V{i:D8},{providers[provider]},{at},{phone}");
    }
}

var size = new FileInfo(file).Length;
Console.WriteLine($"file: {count} visits, {size / 1024 / 1024} MiB CSV, {providers.Count} providers");
var before = PeakKiB(pid);
var clock = Stopwatch.StartNew();
HttpResponseMessage response;
await using (var stream = File.OpenRead(file))
{
    var content = new MultipartFormDataContent { { new StreamContent(stream) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "visits.csv" } };
    response = await http.PostAsync("/api/v1/staff/visits/files", content);
}

var uploadSeconds = clock.Elapsed.TotalSeconds;
var report = await response.Content.ReadAsStringAsync();
File.Delete(file);
if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.StatusCode}: {report[..Math.Min(2000, report.Length)]}");
var after = PeakKiB(pid);

clock.Restart();
var round = await (await http.PostAsync("/api/v1/admin/jobs/survey-round", null)).Content.ReadAsStringAsync();
var roundSeconds = clock.Elapsed.TotalSeconds;

var (floorSeconds, floorPeak) = await PreparedInsertAsync(rows);

Console.WriteLine();
Console.WriteLine("| path | rows | seconds | rows/s | peak memory |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| visit file through the API (CSV streamed, each row checked and hashed, one transaction) | {count} | {uploadSeconds:0.0} | {count / uploadSeconds:0} | server peak {after / 1024} MiB, was {before / 1024} MiB: growth {(after - before) / 1024.0 / (size / 1024.0 / 1024):0.00} x the {size / 1024 / 1024} MiB file |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| prepared INSERT, one transaction, fresh SQLite file, same unique index | {count} | {floorSeconds:0.0} | {count / floorSeconds:0} | bench process peak {floorPeak / 1024} MiB |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the survey's round over them (draw; not asked: the delay has not passed) | {count} | {roundSeconds:0.0} | {count / roundSeconds:0} | |"));
Console.WriteLine($"upload: {report}");
Console.WriteLine($"round: {round}");
return 0;

string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

static async Task<(double Seconds, long PeakKiB)> PreparedInsertAsync(List<(string Id, int Provider, string VisitedAt, string Phone)> rows)
{
    var file = Path.Combine(Path.GetTempPath(), $"masam-bench-floor-{Guid.NewGuid():N}.db");
    try
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE "ServiceVisits" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "ProviderId" INTEGER NOT NULL, "ExternalId" TEXT NOT NULL,
                    "VisitedAt" TEXT NOT NULL, "Phone" TEXT NULL);
                CREATE UNIQUE INDEX "IX_Visits" ON "ServiceVisits" ("ProviderId", "ExternalId");
                """;
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """INSERT INTO "ServiceVisits" ("ProviderId", "ExternalId", "VisitedAt", "Phone") VALUES ($p, $e, $v, $n)""";
        var (p, e, v, n) = (insert.Parameters.Add("$p", SqliteType.Integer), insert.Parameters.Add("$e", SqliteType.Text),
            insert.Parameters.Add("$v", SqliteType.Text), insert.Parameters.Add("$n", SqliteType.Text));
        await insert.PrepareAsync();
        foreach (var row in rows)
        {
            (p.Value, e.Value, v.Value, n.Value) = (row.Provider, row.Id, row.VisitedAt, row.Phone);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return (clock.Elapsed.TotalSeconds, PeakKiB(Environment.ProcessId));
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
    }
}

static long PeakKiB(int processId) =>
    processId <= 0 ? 0 : File.ReadLines($"/proc/{processId}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();
