using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Sylvan.Data.Csv;

namespace Masam.Web.Features.Scorecards.Import;

/// <summary>Reads a KoBoToolbox XLSX export or an ODK Central zip of CSVs into plain tables.</summary>
public static class ExportReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// KoBoToolbox's XLSX export (one sheet per repeat group), or its CSV export as a zip with one
    /// CSV per sheet, named after the sheets (<c>csc_focus_group.csv</c>, <c>scores.csv</c>).
    /// </summary>
    public static (ExportTable Main, ExportTable Scores) ReadKobo(byte[] file, KoboMapping mapping)
    {
        if (IsZipOfCsv(file))
        {
            using var csvZip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
            return (Csv(csvZip, mapping.MainSheet + ".csv"), Csv(csvZip, mapping.ScoresSheet + ".csv"));
        }

        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(file));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ExportFormatException("The file is not an XLSX workbook (a KoBoToolbox XLSX export was expected).");
        }

        using (workbook)
        {
            return (Sheet(workbook, mapping.MainSheet), Sheet(workbook, mapping.ScoresSheet));
        }
    }

    public static (ExportTable Main, ExportTable Scores) ReadOdk(byte[] file, OdkMapping mapping)
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
            return (Csv(zip, mapping.MainFile), Csv(zip, mapping.ScoresFile));
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

    private static ExportTable Sheet(XLWorkbook workbook, string name)
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
        var rows = used.RowsUsed().Skip(1).Select(row => new ExportRow(row.RowNumber(),
            headers.Select((h, i) => (h, Value: row.Cell(i + 1).GetString().Trim()))
                .Where(c => c.h.Length > 0)
                .GroupBy(c => c.h, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase))).ToList();
        return new ExportTable(name, headers, rows);
    }

    private static ExportTable Csv(ZipArchive zip, string fileName)
    {
        var entry = zip.Entries.FirstOrDefault(e => string.Equals(e.Name, fileName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ExportFormatException($"The zip has no file '{fileName}' (it has: {string.Join(", ", zip.Entries.Select(e => e.Name))}).");
        string text;
        try
        {
            using var stream = entry.Open();
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new ExportFormatException($"'{fileName}' is not UTF-8 text; export it again as UTF-8 CSV.");
        }
        catch (InvalidDataException)
        {
            throw new ExportFormatException($"'{fileName}' is damaged in the zip.");
        }

        using var csv = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { HasHeaders = true });
        var headers = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
        var rows = new List<ExportRow>();
        var number = 1;
        while (csv.Read())
        {
            number++;
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < headers.Count && i < csv.RowFieldCount; i++)
            {
                cells.TryAdd(headers[i], csv.GetString(i).Trim());
            }

            rows.Add(new ExportRow(number, cells));
        }

        return new ExportTable(fileName, headers, rows);
    }
}
