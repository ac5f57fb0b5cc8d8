using ClosedXML.Excel;

namespace Masam.Reporting;

/// <summary>
/// The workbook for people: a summary sheet (the report's header and key figures), one sheet per
/// table with a frozen, filtered header row and number formats, and the method notes. Column
/// widths are set from the table (AdjustToContents needs libgdiplus and is slow). Text is always
/// stored as text, so a hostile string never becomes a formula.
/// </summary>
public static class XlsxReportWriter
{
    public static void Write(ReportModel model, string language, Stream output, IProgress<int>? progress = null)
    {
        var text = new ReportText(language);
        var tables = ReportTables.For(model, text);
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"{text["title"]}: {text.UnitName(model.Header)}, {model.Header.Period}";
        workbook.Properties.Author = "Masam";

        var summary = workbook.Worksheets.Add(SheetName(text["sheet.summary"]));
        var header = model.Header;
        (string Label, string Value)[] lines =
        [
            (text["title"], text["subtitle"]),
            (text["unit"], header.UnitCode is null ? text.UnitName(header) : $"{text.UnitName(header)} ({header.UnitCode})"),
            (text["period"], header.Period),
            (text["version"], header.Version.ToString(text.Culture)),
            (text["generated"], header.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
        ];
        var row = 1;
        foreach (var (label, value) in lines)
        {
            SetText(summary.Cell(row, 1), label).Style.Font.Bold = true;
            SetText(summary.Cell(row++, 2), value);
        }

        if (header.Replaces is { } replaced)
        {
            SetText(summary.Cell(row++, 1), text.Format("replaces", replaced, header.CorrectionReason ?? "-"));
        }

        row++;
        WriteTable(summary, tables[0], row, freeze: false);
        summary.Column(1).Width = 50;
        summary.Column(2).Width = 40;

        var done = 1;
        foreach (var table in tables.Skip(1))
        {
            var sheet = workbook.Worksheets.Add(SheetName(table.Title));
            WriteTable(sheet, table, 1, freeze: true);
            progress?.Report(100 * ++done / (tables.Count + 1));
        }

        var method = workbook.Worksheets.Add(SheetName(text["sheet.method"]));
        var notes = ReportTables.MethodNotes(model, text);
        for (var i = 0; i < notes.Count; i++)
        {
            SetText(method.Cell(i + 1, 1), notes[i]).Style.Alignment.WrapText = true;
        }

        method.Column(1).Width = 120;
        workbook.SaveAs(output);
        progress?.Report(100);
    }

    private static void WriteTable(IXLWorksheet sheet, ReportTable table, int firstRow, bool freeze)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            var cell = SetText(sheet.Cell(firstRow, c + 1), column.Header);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF4");
            cell.Style.Alignment.WrapText = true;
            sheet.Column(c + 1).Width = column.Width;
            sheet.Column(c + 1).Style.NumberFormat.Format = column.Kind switch
            {
                CellKind.Integer => "#,##0",
                CellKind.Decimal => "0.00",
                CellKind.Percent => "0.0%",
                CellKind.Money => "#,##0\" ₮\"",
                CellKind.Date => "yyyy-mm-dd",
                _ => "@",
            };
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            var cells = table.Rows[r];
            for (var c = 0; c < cells.Length; c++)
            {
                var target = sheet.Cell(firstRow + 1 + r, c + 1);
                switch (cells[c].Value)
                {
                    case null:
                        break;
                    case string value:
                        SetText(target, value);
                        break;
                    case DateOnly date:
                        target.SetValue(date.ToDateTime(TimeOnly.MinValue));
                        break;
                    case decimal money:
                        target.SetValue(money);
                        break;
                    case double number:
                        target.SetValue(number);
                        break;
                    case long whole:
                        target.SetValue(whole);
                        break;
                    case var other:
                        SetText(target, other.ToString() ?? "");
                        break;
                }
            }
        }

        if (freeze)
        {
            sheet.SheetView.FreezeRows(firstRow);
        }

        var last = firstRow + Math.Max(1, table.Rows.Count);
        sheet.Range(firstRow, 1, last, table.Columns.Count).SetAutoFilter();
    }

    private static IXLCell SetText(IXLCell cell, string value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
        return cell;
    }

    /// <summary>Excel allows 31 characters and none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var clean = new string([.. title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
