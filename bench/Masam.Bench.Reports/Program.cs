using System.Diagnostics;
using System.Globalization;
using Masam.Reporting;

// Publication benchmark: a national report for --providers providers (with their scorecards and
// actions), written in one --format (xlsx, pdf, csv, json) in this process, so that the peak
// working set read from /proc at the end belongs to that format alone.
var providers = int.Parse(Arg("--providers", "5000"), CultureInfo.InvariantCulture);
var format = Arg("--format", "xlsx");
var model = Model(providers);
var baseline = PeakMiB();
var watch = Stopwatch.StartNew();
long bytes = 0;
switch (format)
{
    case "xlsx":
        bytes = Write(s => XlsxReportWriter.Write(model, "mn", s));
        break;
    case "pdf":
        bytes = Write(s => PdfReportWriter.Write(model, "mn", s));
        break;
    case "csv":
        bytes = ReportTables.For(model, new ReportText("mn")).Sum(t => (long)CsvReportWriter.Write(t).Length);
        break;
    case "json":
        bytes = JsonReportWriter.Write(model).Length;
        break;
    default:
        throw new ArgumentException($"Unknown format {format}.");
}

Console.WriteLine($"{format,-5} {providers:N0} providers: {watch.Elapsed.TotalSeconds,6:F2} s, {bytes / 1024.0 / 1024.0,6:F1} MiB, " +
    $"peak working set {PeakMiB():N0} MiB (model built: {baseline:N0} MiB)");
return;

static long Write(Action<Stream> write)
{
    using var file = File.Create(Path.Combine(Path.GetTempPath(), $"masam-bench-report-{Environment.ProcessId}"));
    write(file);
    var length = file.Length;
    file.Close();
    File.Delete(file.Name);
    return length;
}

static ReportModel Model(int count)
{
    var random = new Random(2026);
    FigureRow Figure(string code, string mn, string en)
    {
        var n = random.Next(0, 400);
        if (n < 10) return new FigureRow(code, mn, en, n == 0 ? "no-data" : "small-cell", null, null, null, null, null, null, null);
        var rate = random.NextDouble() * 0.5 + 0.45;
        return new FigureRow(code, mn, en, "shown", n, 3 + random.NextDouble() * 2, rate, rate - 0.05, rate + 0.05, random.NextDouble() * 0.2 - 0.1, random.Next(4) == 0);
    }

    var units = Enumerable.Range(1, 22).Select(i => Figure($"1{i:D2}", $"Аймаг {i}", $"Aimag {i}")).ToList();
    var rows = Enumerable.Range(1, count).Select(i => new ProviderRow($"P-{i:D5}", $"Сумын эрүүл мэндийн төв №{i}", $"Soum health centre no. {i}",
        $"MN1{i % 22:D2}{i % 20:D2}", $"Сум {i % 300}", $"Soum {i % 300}", i % 3 == 0 ? "education" : "health", $"{5000000 + i}",
        Figure($"P-{i:D5}", "", ""), random.Next(0, 400), random.Next(0, 200), random.Next(200, 300), random.NextDouble(), random.Next(0, 20),
        random.Next(1, 40))).ToList();
    var header = new ReportHeader("2026-Q1", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), null, "Монгол Улс", "Mongolia", 1,
        DateTime.UtcNow, "2", 10, DateTime.UtcNow, null, null);
    return new ReportModel(header, Figure("MN", "Монгол Улс", "Mongolia"), units,
        [Figure("health", "Эрүүл мэнд", "Health"), Figure("education", "Боловсрол", "Education"), Figure("social-welfare", "Нийгмийн халамж", "Social welfare")],
        rows, new Responsiveness(400_000, 380_000, 350_000, 300_000, 0.79, 200_000, 12_000, 7, 15, 5000, 4000, 3000, 2500, 0.62, 900),
        [.. Enumerable.Range(1, count / 5).Select(i => new ScorecardRow(i, $"P-{i:D5}", $"Төв №{i}", $"Centre {i}", "Эмчийн хүрэлцээ", "Enough doctors", 4, 3.25m, 4, 0.75m))],
        [.. Enumerable.Range(1, count / 5 * 4).Select(i => new ScorecardGroupRow(i / 4 + 1, $"P-{i / 4 + 1:D5}", "Эмчийн хүрэлцээ", "Enough doctors", "women", 12, 1 + i % 5))],
        [.. Enumerable.Range(1, count).Select(i => new ActionRow(i, $"Хүлээлгийн танхимд сандал нэмэх №{i}", "Сумын ЗДТГ", "Soum governor's office",
            new DateOnly(2026, 3, 1 + i % 28), i % 4 == 0 ? "done" : "in-progress", i % 101, 100_000m * (i % 50), "Орон нутгийн хөгжлийн сан", null))],
        [new BudgetRow("Орон нутгийн хөгжлийн сан", count, 1_000_000_000m, 400_000_000m)]);
}

static long PeakMiB() => File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
    .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();

string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
