using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ClosedXML.Excel;
using Masam.Web.Features.Scorecards.Import;
using Sylvan.Data.Csv;

namespace Masam.Web.Features.Visits;

/// <summary>
/// Which column of a visit file holds what. The defaults are the README's header; a centre whose
/// system exports other headers (<c>Утас</c>, <c>Огноо</c>) names them instead. Headers match without
/// regard to case, spaces or underscores (<c>Visit ID</c> is <c>visit_id</c>).
/// </summary>
public sealed record VisitColumns
{
    public string VisitId { get; init; } = "visit_id";
    public string Provider { get; init; } = "provider";
    public string ServiceLine { get; init; } = "service_line";
    public string VisitedAt { get; init; } = "visited_at";
    public string Phone { get; init; } = "phone";
    public string Language { get; init; } = "language";
    public string DoNotContact { get; init; } = "do_not_contact";

    /// <summary>The fields a form may name a column for (<c>column.phone</c>).</summary>
    public static readonly string[] Fields = ["visitId", "provider", "serviceLine", "visitedAt", "phone", "language", "doNotContact"];

    public VisitColumns With(string field, string header) => field switch
    {
        "visitId" => this with { VisitId = header },
        "provider" => this with { Provider = header },
        "serviceLine" => this with { ServiceLine = header },
        "visitedAt" => this with { VisitedAt = header },
        "phone" => this with { Phone = header },
        "language" => this with { Language = header },
        "doNotContact" => this with { DoNotContact = header },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static string Fold(string header) => string.Concat(header.Where(c => c is not (' ' or '_' or '-'))).ToLowerInvariant();
}

/// <summary>A row of a visit file: its number as a spreadsheet shows it (the header is row 1) and what it says.</summary>
public sealed record VisitFileRow(int Number, VisitReport Report, bool DoNotContactUnreadable);

/// <summary>
/// Reads a visit file, CSV (UTF-8; comma, semicolon or tab, as Excel saves it) or XLSX (its first
/// sheet), row by row: a CSV of a million rows streams through, never held whole.
/// </summary>
public static class VisitFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The header's columns that are required and not found (with the mapping that named them).</summary>
    public static IReadOnlyList<string> MissingColumns(IReadOnlyList<string> headers, VisitColumns columns)
    {
        var folded = headers.Select(VisitColumns.Fold).ToHashSet();
        return new[] { columns.VisitId, columns.VisitedAt }.Where(c => !folded.Contains(VisitColumns.Fold(c))).ToList();
    }

    /// <summary>An XLSX workbook (a zip) or else CSV text.</summary>
    public static bool IsWorkbook(Stream file)
    {
        Span<byte> start = stackalloc byte[4];
        var read = file.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 4 && start.SequenceEqual("PK\u0003\u0004"u8);
    }

    public static async IAsyncEnumerable<VisitFileRow> ReadCsvAsync(
        Stream file, VisitColumns columns, Action<IReadOnlyList<string>> header, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(file, StrictUtf8, detectEncodingFromByteOrderMarks: true);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, MaxBufferSize = ImportOptions.MaxRecordBytes });
        var headers = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
        header(headers);
        var at = Indexes(headers, columns);
        var number = 1;
        while (await csv.ReadAsync(ct))
        {
            number++;
            string? Get(int i) => i >= 0 && i < csv.RowFieldCount ? csv.GetString(i) : null;
            yield return Row(number, Get, at);
        }
    }

    public static IEnumerable<VisitFileRow> ReadWorkbook(byte[] file, ImportOptions limits, VisitColumns columns, Action<IReadOnlyList<string>> header)
    {
        using (var workbook = ExportReader.OpenWorkbook(file, limits, "a visit file was expected"))
        {
            var used = workbook.Worksheets.First().RangeUsed();
            var headers = used is null ? [] : used.FirstRow().Cells().Select(c => c.GetString().Trim()).ToList();
            header(headers);
            if (used is null) yield break;

            var at = Indexes(headers, columns);
            foreach (var row in used.RowsUsed().Skip(1))
            {
                yield return Row(row.RowNumber(), i => i < 0 ? null : Text(row.Cell(i + 1)), at);
            }
        }
    }

    private sealed record ColumnIndexes(int VisitId, int Provider, int ServiceLine, int VisitedAt, int Phone, int Language, int DoNotContact);

    private static ColumnIndexes Indexes(IReadOnlyList<string> headers, VisitColumns columns)
    {
        var folded = headers.Select(VisitColumns.Fold).ToList();
        int Of(string name) => folded.IndexOf(VisitColumns.Fold(name));
        return new(Of(columns.VisitId), Of(columns.Provider), Of(columns.ServiceLine), Of(columns.VisitedAt), Of(columns.Phone),
            Of(columns.Language), Of(columns.DoNotContact));
    }

    private static VisitFileRow Row(int number, Func<int, string?> get, ColumnIndexes at)
    {
        var doNotContact = get(at.DoNotContact)?.Trim().ToLowerInvariant();
        bool? flag = doNotContact switch
        {
            null or "" or "0" or "no" or "false" or "n" or "үгүй" => false,
            "1" or "yes" or "true" or "y" or "x" or "тийм" => true,
            _ => null,
        };
        var report = new VisitReport
        {
            VisitId = get(at.VisitId), Provider = get(at.Provider), ServiceLine = get(at.ServiceLine), VisitedAt = get(at.VisitedAt),
            Phone = get(at.Phone), Language = get(at.Language), DoNotContact = flag == true,
        };
        return new VisitFileRow(number, report, flag is null);
    }

    /// <summary>A cell as text: a date as ISO local time (Mongolian, as the centre's clock), a whole number without decimals.</summary>
    private static string? Text(IXLCell cell) => cell.DataType switch
    {
        XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        XLDataType.Number when cell.GetDouble() is var n && n == Math.Floor(n) && Math.Abs(n) < 1e15 => ((long)n).ToString(CultureInfo.InvariantCulture),
        _ => cell.GetString().Trim() is { Length: > 0 } s ? s : null,
    };
}
