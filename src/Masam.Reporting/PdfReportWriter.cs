using System.Globalization;
using SkiaSharp;

namespace Masam.Reporting;

/// <summary>
/// The printable report (A4, Noto Sans embedded): a cover with the key figures, a chart of
/// satisfaction by unit or sector, the provider, scorecard, action and budget tables, the method
/// and suppression notes, and page numbers. Mongolian by default, English on request. Laid out
/// twice: once to count the pages, once to draw them with "page n of N".
/// </summary>
public static class PdfReportWriter
{
    internal const float PageWidth = 595, PageHeight = 842, Margin = 42, LineGap = 3;

    public static void Write(ReportModel model, string language, Stream output, IProgress<int>? progress = null)
    {
        ReportFonts.RegisterWithScottPlot();
        var text = new ReportText(language);
        var pages = Layout(model, text, null, 0, null);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{text["title"]}: {text.UnitName(model.Header)}, {model.Header.Period}",
            Author = "Masam", Creator = "Masam", Producer = "Masam (SkiaSharp)",
            Creation = model.Header.GeneratedAt, Modified = model.Header.GeneratedAt,
        };
        using var document = SKDocument.CreatePdf(output, metadata);
        Layout(model, text, document, pages, progress);
        document.Close();
        progress?.Report(100);
    }

    /// <summary>Lays the report out; draws it when a document is given. Returns the number of pages.</summary>
    private static int Layout(ReportModel model, ReportText text, SKDocument? document, int totalPages, IProgress<int>? progress)
    {
        using var page = new PdfPageWriter(document, text, model.Header, totalPages);
        var header = model.Header;
        var tables = ReportTables.For(model, text);

        page.Heading(text["title"], 20);
        page.Paragraph(text["subtitle"], 11);
        page.Space(10);
        page.Heading(header.UnitCode is null ? text.UnitName(header) : $"{text.UnitName(header)} ({header.UnitCode})", 16);
        page.Paragraph($"{text["period"]}: {header.Period}   {text["version"]}: {header.Version}   " +
            $"{text["generated"]}: {header.GeneratedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", 10);
        if (header.Replaces is { } replaced)
        {
            page.Paragraph(text.Format("replaces", replaced, header.CorrectionReason ?? "-"), 10, bold: true);
        }

        page.Space(14);
        page.Heading(text["key.title"], 14);
        foreach (var row in tables[0].Rows)
        {
            page.KeyValue((string)row[0].Value!, Format(row[1], text));
        }

        progress?.Report(20);
        var (chartRows, chartTitle) = model.Units.Count > 1 ? (model.Units, "chart.units") : (model.Sectors, "chart.sectors");
        if (chartRows.Count > 0)
        {
            page.Space(16);
            page.Heading(text[chartTitle], 14);
            page.Chart(chartRows, text, header.SuppressionThreshold);
        }

        progress?.Report(40);
        string[] providerColumns = ["name", "unit", "n", "rate", "rate_lower", "rate_upper", "answered_on_time_rate", "overdue", "note"];
        page.Table(Pick(tables.Single(t => t.Name == "providers"), providerColumns));
        progress?.Report(60);
        page.Table(Pick(tables.Single(t => t.Name == "scorecards"), ["provider", "indicator", "groups", "community_score", "self_score", "gap"]));
        page.Table(Pick(tables.Single(t => t.Name == "scorecard_groups"), ["provider_code", "indicator", "group", "participants", "score"]));
        progress?.Report(80);
        page.Table(Pick(tables.Single(t => t.Name == "actions"), ["action", "responsible", "due_on", "status", "progress", "cost_mnt", "funding_source"]));
        page.Table(tables.Single(t => t.Name == "budget"));

        page.Space(12);
        page.Heading(text["section.method"], 14);
        foreach (var note in ReportTables.MethodNotes(model, text))
        {
            page.Paragraph(note, 9.5f);
            page.Space(4);
        }

        return page.Finish();
    }

    private static ReportTable Pick(ReportTable table, string[] keys)
    {
        var indexes = keys.Select(k => table.Columns.ToList().FindIndex(c => c.Key == k)).ToArray();
        return table with
        {
            Columns = [.. indexes.Select(i => table.Columns[i])],
            Rows = [.. table.Rows.Select(r => indexes.Select(i => r[i]).ToArray())],
        };
    }

    internal static string Format(Cell cell, ReportText text) => cell.Value switch
    {
        null => "–",
        string value => value,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number when cell.Kind == CellKind.Percent => (number * 100).ToString("0.0", text.Culture) + " %",
        double number => number.ToString("0.##", text.Culture),
        decimal money => money.ToString("N0", text.Culture) + " ₮",
        long whole => whole.ToString("N0", text.Culture),
        var other => Convert.ToString(other, text.Culture) ?? "",
    };
}
