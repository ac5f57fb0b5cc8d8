using System.Globalization;
using System.Text;

namespace Masam.Reporting;

/// <summary>
/// One CSV file per table (RFC 4180, CRLF): UTF-8 with a byte order mark so that Excel shows
/// Cyrillic, headers are the columns' stable keys, numbers are invariant (rates as fractions,
/// dates as yyyy-MM-dd). A text cell that a spreadsheet would take for a formula (starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is neutralised with a leading
/// apostrophe.
/// </summary>
public static class CsvReportWriter
{
    public static void Write(ReportTable table, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', table.Columns.Select(c => Field(c.Key))));
        foreach (var row in table.Rows)
        {
            writer.WriteLine(string.Join(',', row.Select(Format)));
        }
    }

    public static byte[] Write(ReportTable table)
    {
        using var buffer = new MemoryStream();
        Write(table, buffer);
        return buffer.ToArray();
    }

    private static string Format(Cell cell) => cell.Value switch
    {
        null => "",
        string text => Field(Neutralise(text)),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString(cell.Kind == CellKind.Percent ? "0.######" : "0.####", CultureInfo.InvariantCulture),
        decimal money => money.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        var other => Field(Neutralise(other.ToString() ?? "")),
    };

    /// <summary>A leading apostrophe keeps a spreadsheet from running the text as a formula.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text != text.Trim() ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
}
