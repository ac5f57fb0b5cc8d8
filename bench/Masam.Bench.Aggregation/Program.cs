using System.Diagnostics;
using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Aggregation benchmark, on a Masam SQLite file made by the app (geography, catalogue, demo providers),
// or with --postgres "<Npgsql connection string>" on a PostgreSQL database made the same way:
// 1. bulk-inserts --rows feedback rows spread over the providers, two years, the demographics and channels;
// 2. times the same headline figures (n, mean, satisfied per provider and month) from one GROUP BY in the
//    sqlite3 shell (psql on PostgreSQL) on the same data (the floor), the full recompute, and the floor again;
// 3. adds --new rows in the current month and times the incremental run.
var file = Arg("--db", "masam.db");
var total = int.Parse(Arg("--rows", "10000000"), CultureInfo.InvariantCulture);
var fresh = int.Parse(Arg("--new", "10000"), CultureInfo.InvariantCulture);
var postgres = Arg("--postgres", "");
var onPostgres = postgres.Length > 0;
var connection = $"Data Source={file};Default Timeout=60";

// The run is placed at 20:00 on the last day of the current month (Mongolian time), so that the
// current month is full, as it is on the month's last night: the incremental run's worst case.
var monthEnd = MongolianTime.MonthOf(DateTime.UtcNow).AddMonths(1).AddDays(-1);
var now = MongolianTime.ToUtc(monthEnd.ToDateTime(new TimeOnly(20, 0)));
var clock = new ShiftedClock(now);
var registrations = new ServiceCollection()
    .AddLogging(l => l.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Masam.Web.Features.Figures", LogLevel.Debug))
    .AddSingleton<TimeProvider>(clock)
    .AddSingleton(Microsoft.Extensions.Options.Options.Create(new FigureOptions()))
    .AddSingleton(new Masam.Web.Features.Figures.Weighting.PopulationMargins())
    .AddScoped<Masam.Web.Features.Figures.Protection.FigurePublisher>()
    .AddScoped<Masam.Web.Features.Figures.Weighting.WeightedSatisfaction>()
    .AddScoped<Masam.Web.Features.Figures.Weighting.Targeting>()
    .AddScoped<FeedbackAggregation>()
    // The hourly scan for stuffing signals and fudged visit data, timed after the runs.
    .AddSingleton(Microsoft.Extensions.Options.Options.Create(new Masam.Web.Features.Scrutiny.ScrutinyOptions()))
    .AddScoped<Masam.Web.Features.Scrutiny.IScrutinySource, Masam.Web.Features.Scrutiny.FigureSignals>()
    .AddScoped<Masam.Web.Features.Scrutiny.IScrutinySource, Masam.Web.Features.Visits.VisitChecks>()
    .AddScoped<Masam.Web.Features.Scrutiny.ScrutinyScan>()
    // The aggregation counts its runs in the app's metrics, as in the app.
    .AddMetrics().AddSingleton(Microsoft.Extensions.Options.Options.Create(new Masam.Web.Infrastructure.MetricsOptions()))
    .AddSingleton<Masam.Web.Infrastructure.MasamMetrics>();
if (onPostgres)
{
    registrations.AddDbContext<MasamDbContext, PostgresMasamDbContext>(o => o.UseNpgsql(postgres, n => n.CommandTimeout(3600)))
        .AddSingleton<DatabaseLock>(new PostgresDatabaseLock(postgres));
}
else
{
    registrations.AddDbContext<MasamDbContext, SqliteMasamDbContext>(o => o.UseSqlite(connection))
        .AddSingleton<DatabaseLock, ProcessLock>();
}

var services = registrations.BuildServiceProvider();

await WithDbAsync(async db => { await db.Database.MigrateAsync(); return 0; });
var providers = await WithDbAsync(db => db.Providers.AsNoTracking()
    .Select(p => new { p.Id, Aimag = p.AdminUnit!.Level == Masam.Web.Features.Geography.AdminUnitLevel.First ? p.AdminUnit.Code : p.AdminUnit.Parent!.Code,
        Lines = p.ServiceLines.Select(l => l.Code).ToList(), Centre = p.AdminUnit!.Kind == Masam.Web.Features.Geography.AdminUnitKind.District || p.AdminUnit.Code.EndsWith("01") })
    .ToListAsync());
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {providers.Count} providers; " +
    (onPostgres ? Shell("psql", "--version").Trim() : $"sqlite3 {Shell("sqlite3", "--version").Split(' ')[0]}"));

var random = new Random(2026);

// Centres (aimag and district level) hear from more people than rural soums.
var weighted = providers.SelectMany(p => Enumerable.Repeat(p, p.Centre ? 6 : 1)).ToList();
// A file that already holds the rows (from an earlier run, with --db) is measured as it is.
var existing = await WithDbAsync(db => db.Feedback.CountAsync());
// Tracking codes go on from twice the rows already there (a file reused after voices took numbers of the same counter once).
long sequence = existing * 2, voices = 0;
var generation = Stopwatch.StartNew();
var missing = Math.Max(0, total - existing);
await InsertAsync(missing, i => now.AddDays(-730 + 728.0 * i / missing), now.AddMinutes(-30));
Console.WriteLine($"generated {missing:N0} rows in {generation.Elapsed.TotalSeconds:F1} s ({missing / Math.Max(0.001, generation.Elapsed.TotalSeconds):N0} rows/s); " +
    $"{existing + missing:N0} rows" + (onPostgres ? "" : $", file {new FileInfo(file).Length / 1048576:N0} MiB"));
if (onPostgres)
{
    // Fresh statistics and a vacuumed table, as autovacuum would leave them.
    Shell("psql", $"{PsqlTarget()} -qc \"VACUUM ANALYZE \\\"Feedback\\\"\"");
}
else
{
    Shell("sqlite3", $"{file} \"PRAGMA wal_checkpoint(TRUNCATE);\"");
}

if (args.Contains("--weighting"))
{
    await WeightingAsync();
    return;
}

var plainSql = onPostgres
    ? "SELECT \\\"ProviderId\\\", \\\"ReceivedMonth\\\", count(*), avg(\\\"Score\\\"), count(*) FILTER (WHERE \\\"Score\\\" >= 4) FROM \\\"Feedback\\\" WHERE \\\"Status\\\" <> 'Rejected' GROUP BY 1, 2;"
    : "SELECT ProviderId, ReceivedMonth, count(*), avg(Score), sum(Score >= 4) FROM Feedback WHERE Status <> 'Rejected' GROUP BY ProviderId, ReceivedMonth;";
// The floor of counting each voice once: the same GROUP BY over each voice's latest item in its cell (method 5).
var floorSql = onPostgres
    ? "SELECT \\\"ProviderId\\\", \\\"ReceivedMonth\\\", count(*), avg(\\\"Score\\\"), count(*) FILTER (WHERE \\\"Score\\\" >= 4) FROM \\\"Feedback\\\" f WHERE \\\"Status\\\" <> 'Rejected' " +
      "AND (\\\"Voice\\\" IS NULL OR NOT EXISTS (SELECT 1 FROM \\\"Feedback\\\" g WHERE g.\\\"ProviderId\\\" = f.\\\"ProviderId\\\" AND g.\\\"ReceivedMonth\\\" = f.\\\"ReceivedMonth\\\" AND g.\\\"Voice\\\" = f.\\\"Voice\\\" AND g.\\\"Id\\\" > f.\\\"Id\\\")) GROUP BY 1, 2;"
    : "SELECT ProviderId, ReceivedMonth, count(*), avg(Score), sum(Score >= 4) FROM Feedback f WHERE Status <> 'Rejected' " +
      "AND (Voice IS NULL OR NOT EXISTS (SELECT 1 FROM Feedback g WHERE g.ProviderId = f.ProviderId AND g.ReceivedMonth = f.ReceivedMonth AND g.Voice = f.Voice AND g.Id > f.Id)) GROUP BY ProviderId, ReceivedMonth;";
var plain = TimeShell(plainSql);
var floor1 = TimeShell(floorSql);
var full = Stopwatch.StartNew();
var fullRun = await WithAggregationAsync(a => a.FullAsync(default));
full.Stop();
var peak = PeakMiB();
var floor2 = TimeShell(floorSql);
var floor = Math.Min(floor1, floor2);
var counts = await WithDbAsync(db => db.FeedbackCounts.CountAsync());
Console.WriteLine($"floor ({(onPostgres ? "psql" : "sqlite3")}, one GROUP BY of each voice's latest item, best of two): {floor:F2} s ({floor1:F2}, {floor2:F2}); " +
    $"the plain GROUP BY of every item: {plain:F2} s");
Console.WriteLine($"full recompute: {full.Elapsed.TotalSeconds:F2} s = {full.Elapsed.TotalSeconds / floor:F2}x the floor; {fullRun.CellsRecounted:N0} cells, {counts:N0} count rows; peak working set {peak:N0} MiB");

// New feedback arrives in the current month after the full run's watermark; the incremental run sees it once settled.
await InsertAsync(fresh, _ => now.AddMinutes(-10), clock.GetUtcNow().UtcDateTime);
clock.Shift = TimeSpan.FromMinutes(2);
var incremental = Stopwatch.StartNew();
var run = await WithAggregationAsync(a => a.IncrementalAsync(default));
incremental.Stop();
Console.WriteLine($"incremental after {fresh:N0} new rows: {incremental.Elapsed.TotalSeconds:F2} s = {100 * incremental.Elapsed.TotalSeconds / full.Elapsed.TotalSeconds:F1} % of the full recompute; {run.CellsAdded:N0} cells added to, {run.CellsRecounted:N0} recounted");

var scanning = Stopwatch.StartNew();
await using (var scope = services.CreateAsyncScope())
{
    var scan = await scope.ServiceProvider.GetRequiredService<Masam.Web.Features.Scrutiny.ScrutinyScan>().ExecuteAsync(default);
    Console.WriteLine($"scan for signals (this quarter and the last): {scanning.Elapsed.TotalSeconds:F2} s = {100 * scanning.Elapsed.TotalSeconds / full.Elapsed.TotalSeconds:F1} % of the full recompute; {scan.Standing} flags");
}

return;

// --weighting: on a file whose figures are counted, the cost of the weighted figures beside their baselines:
// the published weighted rates of every year against republishing those years (which includes them);
// the staff's weighted rate of the nation for the last whole year against one GROUP BY of the same
// cells (soum, age band, satisfied) in the sqlite3 shell; and the ranking of all areas.
async Task WeightingAsync()
{
    if (onPostgres) throw new InvalidOperationException("--weighting is measured on SQLite.");
    var years = await WithDbAsync(db => db.PublishedCells.Select(c => c.Year).Distinct().OrderBy(y => y).ToListAsync());
    var publish = Stopwatch.StartNew();
    await WithScopeAsync(async provider =>
    {
        var context = provider.GetRequiredService<MasamDbContext>();
        await using var transaction = await context.Database.BeginTransactionAsync();
        await provider.GetRequiredService<Masam.Web.Features.Figures.Protection.FigurePublisher>().PublishAsync(years, clock.GetUtcNow().UtcDateTime, reset: false, default);
        await transaction.CommitAsync();
        return 0;
    });
    publish.Stop();
    var rows = await WithDbAsync(db => db.PublishedCells.AsNoTracking().ToListAsync());
    var attach = Stopwatch.StartNew();
    var weights = await WithDbAsync(db => Masam.Web.Features.Figures.Weighting.PublishedWeights.LoadAsync(db, services.GetRequiredService<Masam.Web.Features.Figures.Weighting.PopulationMargins>(), default));
    foreach (var cells in rows.GroupBy(r => r.Year)) weights.Attach([.. cells]);
    attach.Stop();
    var weighted = rows.Count(r => r.WeightedRate is not null);
    Console.WriteLine($"published weighted rates: {attach.Elapsed.TotalSeconds:F3} s for {weighted:N0} rates over {rows.Count:N0} published cells of {years.Count} years " +
        $"= {100 * attach.Elapsed.TotalSeconds / publish.Elapsed.TotalSeconds:F1} % of republishing them ({publish.Elapsed.TotalSeconds:F2} s)");

    var year = FigurePeriod.Parse((years.Where(y => y < MongolianTime.MonthOf(clock.GetUtcNow().UtcDateTime).Year).DefaultIfEmpty(years[^1]).Max()).ToString(CultureInfo.InvariantCulture))!;
    var (from, to) = (year.StartUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), year.EndUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
    var cellsSql = "SELECT u.Code, f.AgeBand, f.Score >= 4, count(*) FROM Feedback f JOIN Providers p ON p.Id = f.ProviderId JOIN AdminUnits u ON u.Id = p.AdminUnitId " +
        $"WHERE f.Status <> 'Rejected' AND f.ReceivedAt >= '{from}' AND f.ReceivedAt < '{to}' GROUP BY 1, 2, 3;";
    var floor = Math.Min(TimeShell(cellsSql), TimeShell(cellsSql));
    var staff = Stopwatch.StartNew();
    var figure = await WithScopeAsync(p => p.GetRequiredService<Masam.Web.Features.Figures.Weighting.WeightedSatisfaction>().ComputeAsync(new FigureScope(year, null), default));
    staff.Stop();
    Console.WriteLine($"staff weighted rate, nation, {year.Name}: {staff.Elapsed.TotalSeconds:F2} s = {staff.Elapsed.TotalSeconds / floor:F2}x one GROUP BY of its cells in sqlite3 ({floor:F2} s); " +
        $"n {figure.N:N0}, rate {figure.UnweightedRate:P1}, weighted {figure.WeightedRate:P1}, n_eff {figure.EffectiveN:N0}, deff {figure.DesignEffect:F2}");
    var rank = Stopwatch.StartNew();
    var ranking = await WithScopeAsync(p => p.GetRequiredService<Masam.Web.Features.Figures.Weighting.Targeting>().RankAsync(year,
        Masam.Web.Features.Figures.Weighting.Targeting.Indicators.ToDictionary(i => i, _ => 1.0), default));
    rank.Stop();
    Console.WriteLine($"ranking of {ranking.Areas.Count} areas, {year.Name}: {rank.Elapsed.TotalSeconds:F2} s = {rank.Elapsed.TotalSeconds / floor:F2}x that GROUP BY");
}

async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
{
    await using var scope = services.CreateAsyncScope();
    return await work(scope.ServiceProvider);
}

async Task InsertAsync(int rows, Func<int, DateTime> receivedOf, DateTime updatedAt)
{
    const int batch = 200_000;
    for (var start = 0; start < rows; start += batch)
    {
        await WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            if (!onPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144;");
            await using var transaction = await db.Database.BeginTransactionAsync();
            // Prepared INSERTs on SQLite; one binary COPY a batch on PostgreSQL (the ids are not needed).
            await TableInserter<FeedbackItem>.InsertAllAsync(db,
                Enumerable.Range(start, Math.Min(rows, start + batch) - start).Select(i => Feedback(receivedOf(i), updatedAt)), default, readKeys: false);
            await transaction.CommitAsync();
            return 0;
        });
    }
}

FeedbackItem Feedback(DateTime received, DateTime updatedAt)
{
    var provider = weighted[random.Next(weighted.Count)];
    var roll = random.NextDouble();
    var item = new FeedbackItem
    {
        TrackingCode = $"B{Interlocked.Increment(ref sequence):D12}", ProviderId = provider.Id, AimagCode = provider.Aimag,
        Score = roll switch { < 0.10 => 1, < 0.20 => 2, < 0.35 => 3, < 0.65 => 4, _ => 5 },
        ServiceLineCode = provider.Lines.Count > 0 && random.NextDouble() < 0.6 ? provider.Lines[random.Next(provider.Lines.Count)] : null,
        Channel = random.NextDouble() switch { < 0.5 => FeedbackChannel.Web, < 0.7 => FeedbackChannel.Sms, < 0.85 => FeedbackChannel.Phone, < 0.95 => FeedbackChannel.Paper, _ => FeedbackChannel.Kiosk },
        Gender = random.NextDouble() switch { < 0.45 => Gender.Female, < 0.85 => Gender.Male, < 0.87 => Gender.Other, _ => null },
        AgeBand = random.NextDouble() < 0.7 ? (AgeBand)random.Next(7) : null,
        HasDisability = random.NextDouble() switch { < 0.08 => true, < 0.7 => false, _ => null },
        HerderHousehold = random.NextDouble() switch { < 0.2 => true, < 0.7 => false, _ => null },
        Status = FeedbackStatus.Received, ReceivedAt = received, ReceivedMonth = MongolianTime.MonthOf(received),
        UpdatedAt = updatedAt, DueAt = AnswerDeadline.DueFor(received),
    };
    // Each voice once (method 5): web, SMS and phone items carry a voice; one in ten comes from a few voices that speak again.
    if (item.Channel is FeedbackChannel.Web or FeedbackChannel.Sms or FeedbackChannel.Phone)
    {
        item.Voice = random.NextDouble() < 0.1 ? $"r{random.Next(8)}" : $"v{Interlocked.Increment(ref voices)}";
    }

    var age = (now - received).TotalDays;
    var fate = random.NextDouble();
    if (fate < 0.04) (item.Status, item.ClosedAt) = (FeedbackStatus.Rejected, received.AddDays(2));
    else if (age > 3 && fate < 0.9)
    {
        item.RecordAnswer(received.AddDays(random.Next(0, (int)Math.Min(age, 45))));
        item.Status = FeedbackStatus.Answered;
        if (fate < 0.6 && item.AnsweredAt!.Value.AddDays(7) < now)
        {
            item.RecordClose(item.AnsweredAt.Value.AddDays(random.Next(0, 7)));
            item.Status = FeedbackStatus.Closed;
        }
    }

    return item;
}

async Task<T> WithDbAsync<T>(Func<MasamDbContext, Task<T>> work)
{
    await using var scope = services.CreateAsyncScope();
    return await work(scope.ServiceProvider.GetRequiredService<MasamDbContext>());
}

async Task<T> WithAggregationAsync<T>(Func<FeedbackAggregation, Task<T>> work)
{
    await using var scope = services.CreateAsyncScope();
    return await work(scope.ServiceProvider.GetRequiredService<FeedbackAggregation>());
}

double TimeShell(string sql)
{
    var watch = Stopwatch.StartNew();
    if (onPostgres) Shell("psql", $"{PsqlTarget()} -qc \"{sql}\"");
    else Shell("sqlite3", $"{file} \"{sql}\"");
    return watch.Elapsed.TotalSeconds;
}

// The Npgsql connection string as psql's keywords.
string PsqlTarget()
{
    var b = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
    return $"\"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}\"";
}

static string Shell(string command, string arguments)
{
    using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{command} failed: {error}");
    return output.Result;
}

static long PeakMiB() => File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
    .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();

string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;

/// <summary>A clock that starts at <c>start</c> and runs from there, moved on by <see cref="Shift"/>.</summary>
internal sealed class ShiftedClock(DateTime start) : TimeProvider
{
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(start, TimeSpan.Zero) + (base.GetUtcNow() - started) + Shift;
}
