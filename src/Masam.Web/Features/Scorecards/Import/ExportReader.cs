using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Sylvan.Data.Csv;

namespace Masam.Web.Features.Scorecards.Import;

/// <summary>
/// Reads a KoBoToolbox XLSX export or an ODK Central zip of CSVs into plain tables. An archive may
/// hold only so many files and unpack to only so much (<see cref="ImportOptions"/>): the CSVs are
/// read as they unpack, through a <see cref="LimitedStream"/>, and an XLSX is unpacked once through
/// it before the workbook is opened, so that a small file that unpacks to gigabytes is refused early.
/// </summary>
public static class ExportReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// KoBoToolbox's XLSX export (one sheet per repeat group), or its CSV export as a zip with one
    /// CSV per sheet, named after the sheets (<c>csc_focus_group.csv</c>, <c>scores.csv</c>).
    /// </summary>
    public static (ExportTable Main, ExportTable Scores) ReadKobo(byte[] file, KoboMapping mapping, ImportOptions limits, IReadOnlySet<string>? kept = null)
    {
        if (IsZipOfCsv(file))
        {
            using var csvZip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
            var budget = Check(csvZip, limits);
            return (Csv(csvZip, mapping.MainSheet + ".csv", budget, kept), Csv(csvZip, mapping.ScoresSheet + ".csv", budget, kept));
        }

        using var workbook = OpenWorkbook(file, limits, "a KoBoToolbox XLSX export was expected");
        return (Sheet(workbook, mapping.MainSheet, kept), Sheet(workbook, mapping.ScoresSheet, kept));
    }

    /// <summary>An XLSX workbook, once it is known to unpack within the limits; any other file refused, saying what was <paramref name="expected"/>.</summary>
    public static XLWorkbook OpenWorkbook(byte[] file, ImportOptions limits, string expected)
    {
        CheckWorkbook(file, limits);
        try
        {
            return new XLWorkbook(new MemoryStream(file));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ExportFormatException($"The file is not an XLSX workbook ({expected}).");
        }
    }

    public static (ExportTable Main, ExportTable Scores) ReadOdk(byte[] file, OdkMapping mapping, ImportOptions limits, IReadOnlySet<string>? kept = null)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new ExportFormatException("The file is not a zip archive (an ODK Central export of CSV files was expected).");
        }

        using (zip)
        {
            var budget = Check(zip, limits);
            return (Csv(zip, mapping.MainFile, budget, kept), Csv(zip, mapping.ScoresFile, budget, kept));
        }
    }

    /// <summary>An uploaded export as one array of its exact length (the form has already bounded its size).</summary>
    public static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken ct)
    {
        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    /// <summary>The archive's number of files against the limit; the budget its files may unpack to.</summary>
    private static UnpackBudget Check(ZipArchive zip, ImportOptions limits)
    {
        if (zip.Entries.Count > limits.ImportMaxEntries)
        {
            throw new ExportTooLargeException("error.import.entries", zip.Entries.Count, limits.ImportMaxEntries);
        }

        return new UnpackBudget(limits.ImportMaxUnpackedBytes);
    }

    /// <summary>An XLSX is a zip: every part is unpacked once, counting, before the workbook is opened.</summary>
    private static void CheckWorkbook(byte[] file, ImportOptions limits)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new ExportFormatException("The file is not an XLSX workbook (a KoBoToolbox XLSX export was expected).");
        }

        using (zip)
        {
            var budget = Check(zip, limits);
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                try
                {
                    using var part = new LimitedStream(entry.Open(), budget);
                    while (part.Read(buffer, 0, buffer.Length) > 0)
                    {
                    }
                }
                catch (InvalidDataException)
                {
                    throw new ExportFormatException($"'{entry.FullName}' is damaged in the workbook.");
                }
            }
        }
    }

    /// <summary>A zip that is not an Office document (an XLSX is a zip too, with <c>[Content_Types].xml</c>).</summary>
    private static bool IsZipOfCsv(byte[] file)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is null && zip.Entries.Any(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static ExportTable Sheet(XLWorkbook workbook, string name, IReadOnlySet<string>? kept)
    {
        if (!workbook.TryGetWorksheet(name, out var sheet))
        {
            throw new ExportFormatException($"The workbook has no sheet '{name}' (it has: {string.Join(", ", workbook.Worksheets.Select(w => w.Name))}).");
        }

        var used = sheet.RangeUsed();
        if (used is null)
        {
            return new ExportTable(name, [], []);
        }

        var headers = used.FirstRow().Cells().Select(c => c.GetString().Trim()).ToList();
        var columns = new ExportColumns(headers, kept);
        var rows = used.RowsUsed().Skip(1).Select(row => new ExportRow(row.RowNumber(), columns,
            [.. headers.Select((_, i) => columns.Keeps(i) ? columns.Share(row.Cell(i + 1).GetString().Trim()) : null)])).ToList();
        return new ExportTable(name, headers, rows);
    }

    private static ExportTable Csv(ZipArchive zip, string fileName, UnpackBudget budget, IReadOnlySet<string>? kept)
    {
        var entry = zip.Entries.FirstOrDefault(e => string.Equals(e.Name, fileName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ExportFormatException($"The zip has no file '{fileName}' (it has: {string.Join(", ", zip.Entries.Take(20).Select(e => e.Name))}).");
        var number = 1;
        try
        {
            // Read as it unpacks: never more in memory than the rows themselves.
            using var reader = new StreamReader(new LimitedStream(entry.Open(), budget), StrictUtf8, detectEncodingFromByteOrderMarks: true);
            using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true, MaxBufferSize = ImportOptions.MaxRecordBytes });
            var headers = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
            var columns = new ExportColumns(headers, kept);
            var rows = new List<ExportRow>();
            while (csv.Read())
            {
                number++;
                var values = new string?[Math.Min(headers.Count, csv.RowFieldCount)];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = columns.Keeps(i) ? columns.Share(csv.GetString(i).Trim()) : null;
                }

                rows.Add(new ExportRow(number, columns, values));
            }

            return new ExportTable(fileName, headers, rows);
        }
        catch (DecoderFallbackException)
        {
            throw new ExportFormatException($"'{fileName}' is not UTF-8 text; export it again as UTF-8 CSV.");
        }
        catch (InvalidDataException)
        {
            throw new ExportFormatException($"'{fileName}' is damaged in the zip.");
        }
        catch (CsvRecordTooLargeException)
        {
            throw new ExportTooLargeException("error.import.record", fileName, number + 1, ImportOptions.MaxRecordBytes / 1024);
        }
    }
}
