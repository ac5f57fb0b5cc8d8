using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

// Scorecard import benchmark. Builds one ODK Central export with `--submissions` focus groups of
// `--indicators` scores each, imports it into a running Masam (POST .../imports, timed end to end,
// the server's peak memory read from /proc), and in the same run inserts the same rows into a
// fresh SQLite file with one prepared statement in one transaction: the floor.
var url = Arg("--url", "http://127.0.0.1:5098");
var pid = int.Parse(Arg("--pid", "0"), CultureInfo.InvariantCulture);
var submissions = int.Parse(Arg("--submissions", "10000"), CultureInfo.InvariantCulture);
var indicatorCount = int.Parse(Arg("--indicators", "10"), CultureInfo.InvariantCulture);
var adminEmail = Arg("--admin", "bench-admin@masam.test");
var password = Arg("--password", "bench admin password");

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(20) };
await SignInAsync(http, adminEmail, password);
var units = await http.GetFromJsonAsync<JsonElement>("/api/v1/providers?adminUnit=267&type=soum-health-centre&pageSize=1");
var provider = units.GetProperty("items")[0].GetProperty("id").GetInt32();
await http.PostAsJsonAsync("/api/v1/admin/users", new { email = "bench-cso@masam.test", displayName = "Bench", password, role = "CsoFacilitator", adminUnits = new[] { "267" } });
using var cso = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(20) };
await SignInAsync(cso, "bench-cso@masam.test", password);

var library = (await cso.GetFromJsonAsync<JsonElement>("/api/v1/scorecard-indicators")).EnumerateArray()
    .Where(i => i.GetProperty("sectorCode").GetString() == "health").Select(i => i.GetProperty("code").GetString()!).ToList();
var custom = Enumerable.Range(1, Math.Max(0, indicatorCount - library.Count)).Select(i => new { nameMn = $"Шалгуур {i}", nameEn = $"Indicator {i}" }).ToArray();
var cycle = await (await cso.PostAsJsonAsync("/api/v1/staff/scorecards", new
{
    providerId = provider, periodStart = "2026-01-01", periodEnd = "2026-06-30", facilitatingGroup = "Bench", indicators = library.Take(indicatorCount),
})).Content.ReadFromJsonAsync<JsonElement>();
var id = cycle.GetProperty("cycleId").GetInt32();
var version = 0;
if (custom.Length > 0) await Check(cso.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/indicators", new { custom, version = version++ }));
await Check(cso.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "input-tracking", version = version++ }));
await Check(cso.PostAsJsonAsync($"/api/v1/staff/scorecards/{id}/stage", new { stage = "community-scoring", version = version++ }));
var keys = library.Take(indicatorCount).Concat(custom.Select(c => c.nameMn)).ToList();

var rows = new List<(int Group, int Indicator, int Score, string Reason, string Suggestion)>();
var export = BuildOdkExport(submissions, keys, rows);
long unpacked;
using (var reading = new ZipArchive(new MemoryStream(export), ZipArchiveMode.Read))
{
    unpacked = reading.Entries.Sum(e => e.Length);
}

Console.WriteLine($"export: {submissions} submissions x {keys.Count} indicators = {rows.Count} score rows, {export.Length / 1024} KiB zip, {unpacked / 1024} KiB unpacked");

var before = PeakKiB(pid);
var clock = Stopwatch.StartNew();
var content = new MultipartFormDataContent
{
    { new ByteArrayContent(export) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "file", "export.zip" },
    { new StringContent("odk"), "format" },
};
var response = await cso.PostAsync($"/api/v1/staff/scorecards/{id}/imports", content);
var importSeconds = clock.Elapsed.TotalSeconds;
var report = await response.Content.ReadAsStringAsync();
if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.StatusCode}: {report}");
var after = PeakKiB(pid);

var (floorSeconds, floorPeak) = await PreparedInsertAsync(rows);

Console.WriteLine();
Console.WriteLine("| path | rows | seconds | rows/s | peak memory |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| import through the API (ODK zip, validated, upserted, audited) | {rows.Count} | {importSeconds:0.00} | {rows.Count / importSeconds:0} | server peak {after / 1024} MiB (was {before / 1024} MiB before the import: {(after - before) * 1024.0 / unpacked:0.0} x the unpacked export) |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| prepared INSERT, one transaction, fresh SQLite file | {rows.Count} | {floorSeconds:0.00} | {rows.Count / floorSeconds:0} | bench process peak {floorPeak / 1024} MiB |"));
Console.WriteLine($"import report: {report[..Math.Min(200, report.Length)]}");
return 0;

string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

static async Task SignInAsync(HttpClient client, string email, string password)
{
    var tokens = await (await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
}

static async Task Check(Task<HttpResponseMessage> call)
{
    var response = await call;
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
}

static byte[] BuildOdkExport(int submissions, List<string> indicators, List<(int, int, int, string, string)> rows)
{
    var random = new Random(5);
    var main = new StringBuilder("group_type,group_other,participants,female,disability,youth,meta-instanceID,SubmissionDate,ReviewState,KEY\n");
    var scores = new StringBuilder("indicator,score,reason,suggestion,PARENT_KEY,KEY\n");
    for (var s = 1; s <= submissions; s++)
    {
        var key = $"uuid:bench-{s:D6}";
        var participants = random.Next(5, 30);
        main.Append(CultureInfo.InvariantCulture, $"other,\"Бүлэг {s}\",{participants},{random.Next(0, participants)},0,0,{key},2026-05-12T09:30:00.000Z,approved,{key}\n");
        for (var i = 0; i < indicators.Count; i++)
        {
            var score = random.Next(1, 6);
            const string reason = "Хүлээлгийн хугацаа урт";
            const string suggestion = "Цахим дугаар нэвтрүүлэх";
            scores.Append(CultureInfo.InvariantCulture, $"{indicators[i]},{score},{reason},{suggestion},{key},{key}/scores[{i + 1}]\n");
            rows.Add((s, i + 1, score, reason, suggestion));
        }
    }

    using var stream = new MemoryStream();
    using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
    {
        Write(zip, "csc_focus_group.csv", main);
        Write(zip, "csc_focus_group-scores.csv", scores);
    }

    return stream.ToArray();

    static void Write(ZipArchive zip, string name, StringBuilder text)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }
}

static async Task<(double Seconds, long PeakKiB)> PreparedInsertAsync(List<(int Group, int Indicator, int Score, string Reason, string Suggestion)> rows)
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
                CREATE TABLE "GroupScores" ("FocusGroupId" INTEGER NOT NULL, "CycleIndicatorId" INTEGER NOT NULL, "Score" INTEGER NOT NULL CHECK ("Score" BETWEEN 1 AND 5),
                    "Reason" TEXT NULL, "Suggestion" TEXT NULL, PRIMARY KEY ("FocusGroupId", "CycleIndicatorId"));
                """;
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """INSERT INTO "GroupScores" VALUES ($g, $i, $s, $r, $u)""";
        var (g, i, s, r, u) = (insert.Parameters.Add("$g", SqliteType.Integer), insert.Parameters.Add("$i", SqliteType.Integer),
            insert.Parameters.Add("$s", SqliteType.Integer), insert.Parameters.Add("$r", SqliteType.Text), insert.Parameters.Add("$u", SqliteType.Text));
        await insert.PrepareAsync();
        foreach (var row in rows)
        {
            (g.Value, i.Value, s.Value, r.Value, u.Value) = (row.Group, row.Indicator, row.Score, row.Reason, row.Suggestion);
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
