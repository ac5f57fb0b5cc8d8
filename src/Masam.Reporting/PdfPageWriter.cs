using SkiaSharp;
using static Masam.Reporting.PdfReportWriter;

namespace Masam.Reporting;

/// <summary>A cursor down the pages: starts a new page when the next block does not fit, and numbers the pages.</summary>
internal sealed class PdfPageWriter : IDisposable
{
    private readonly SKDocument? _document;
    private readonly ReportText _text;
    private readonly ReportHeader _header;
    private readonly int _total;
    private readonly SKPaint _ink = new() { Color = new SKColor(0x1F, 0x29, 0x33), IsAntialias = true };
    private readonly SKPaint _muted = new() { Color = new SKColor(0x5B, 0x67, 0x73), IsAntialias = true };
    private readonly SKPaint _rule = new() { Color = new SKColor(0xC9, 0xD3, 0xDD), StrokeWidth = 0.6f };
    private readonly SKPaint _band = new() { Color = new SKColor(0xE8, 0xEE, 0xF4) };
    private SKCanvas? _canvas;
    private int _page;
    private float _y;

    public PdfPageWriter(SKDocument? document, ReportText text, ReportHeader header, int total)
    {
        (_document, _text, _header, _total) = (document, text, header, total);
        NewPage();
    }

    private static SKFont Font(float size, bool bold = false) => new(bold ? ReportFonts.Bold : ReportFonts.Regular, size);

    public void Heading(string value, float size)
    {
        using var font = Font(size, bold: true);
        Lines(Wrap(value, font, PageWidth - 2 * Margin), font, _ink);
        _y += 4;
    }

    public void Paragraph(string value, float size, bool bold = false)
    {
        using var font = Font(size, bold);
        Lines(Wrap(value, font, PageWidth - 2 * Margin), font, _muted);
    }

    public void Space(float points) => _y += points;

    public void KeyValue(string label, string value)
    {
        using var font = Font(10.5f);
        using var strong = Font(10.5f, bold: true);
        var labels = Wrap(label, font, 360);
        var height = labels.Count * (font.Size + LineGap) + 3;
        Fit(height);
        for (var i = 0; i < labels.Count; i++)
        {
            _canvas?.DrawText(labels[i], Margin, _y + font.Size + i * (font.Size + LineGap), SKTextAlign.Left, font, _ink);
        }

        _canvas?.DrawText(value, PageWidth - Margin, _y + font.Size, SKTextAlign.Right, strong, _ink);
        _y += height;
        _canvas?.DrawLine(Margin, _y - 1, PageWidth - Margin, _y - 1, _rule);
    }

    /// <summary>A horizontal bar chart of the satisfaction rate, drawn by ScottPlot as vectors into the page.</summary>
    public void Chart(IReadOnlyList<FigureRow> rows, ReportText text, int threshold)
    {
        var height = Math.Min(560, 60 + rows.Count * 18);
        Fit(height);
        if (_canvas is not null)
        {
            var plot = new ScottPlot.Plot();
            plot.Font.Set(ReportFonts.Family);
            var bars = rows.Select((r, i) => new ScottPlot.Bar
            {
                Position = rows.Count - i, Value = r.Shown ? r.Rate!.Value * 100 : 0,
                FillColor = ScottPlot.Color.FromHex("#2F6690"), LineWidth = 0,
            }).ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            plot.Axes.Left.SetTicks([.. rows.Select((_, i) => (double)(rows.Count - i))],
                [.. rows.Select(r => r.Shown ? text.Name(r.NameMn, r.NameEn) : $"{text.Name(r.NameMn, r.NameEn)} ({text.Disclosure(r, threshold)})")]);
            plot.Axes.SetLimitsX(0, 100);
            plot.Axes.Bottom.Label.Text = text["col.rate"] + " (%)";
            plot.Grid.MajorLineColor = ScottPlot.Color.FromHex("#E0E6EC");
            _canvas.Save();
            _canvas.Translate(Margin, _y);
            plot.Render(_canvas, (int)(PageWidth - 2 * Margin), (int)height);
            _canvas.Restore();
        }

        _y += height + 6;
    }

    public void Table(ReportTable table)
    {
        Space(12);
        using var titleFont = Font(13, bold: true);
        Fit(titleFont.Size + 40);
        Lines([table.Title], titleFont, _ink);
        _y += 2;
        if (table.Rows.Count == 0)
        {
            Paragraph(_text["none"], 9.5f);
            return;
        }

        using var font = Font(8);
        using var bold = Font(8, bold: true);
        var available = PageWidth - 2 * Margin;
        var totalWidth = table.Columns.Sum(c => c.Width);
        var widths = table.Columns.Select(c => (float)(c.Width / totalWidth * available)).ToArray();
        var lineHeight = font.Size + LineGap;

        void Header()
        {
            var cells = table.Columns.Select((c, i) => Wrap(c.Header, bold, widths[i] - 4)).ToList();
            var height = cells.Max(c => c.Count) * lineHeight + 4;
            _canvas?.DrawRect(Margin, _y, available, height, _band);
            Row(cells, bold, height);
        }

        void Row(List<List<string>> cells, SKFont rowFont, float height)
        {
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var right = table.Columns[i].Kind is not (CellKind.Text or CellKind.Date) && rowFont == font;
                for (var line = 0; line < cells[i].Count; line++)
                {
                    var baseline = _y + 2 + rowFont.Size + line * lineHeight;
                    if (right) _canvas?.DrawText(cells[i][line], x + widths[i] - 2, baseline, SKTextAlign.Right, rowFont, _ink);
                    else _canvas?.DrawText(cells[i][line], x + 2, baseline, SKTextAlign.Left, rowFont, _ink);
                }

                x += widths[i];
            }

            _y += height;
            _canvas?.DrawLine(Margin, _y, PageWidth - Margin, _y, _rule);
        }

        Header();
        foreach (var row in table.Rows)
        {
            var cells = row.Select((cell, i) => Wrap(Format(cell, _text), font, widths[i] - 4).Take(4).ToList()).ToList();
            var height = cells.Max(c => c.Count) * lineHeight + 4;
            if (_y + height > PageHeight - Margin - 20)
            {
                NewPage();
                Header();
            }

            Row(cells, font, height);
        }
    }

    public int Finish()
    {
        EndPage();
        return _page;
    }

    public void Dispose()
    {
        _ink.Dispose();
        _muted.Dispose();
        _rule.Dispose();
        _band.Dispose();
    }

    private void Lines(List<string> lines, SKFont font, SKPaint paint)
    {
        foreach (var line in lines)
        {
            Fit(font.Size + LineGap);
            _canvas?.DrawText(line, Margin, _y + font.Size, SKTextAlign.Left, font, paint);
            _y += font.Size + LineGap;
        }
    }

    private void Fit(float height)
    {
        if (_y + height > PageHeight - Margin - 20)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        EndPage();
        _page++;
        _canvas = _document?.BeginPage(PageWidth, PageHeight);
        _y = Margin;
    }

    private void EndPage()
    {
        if (_page == 0)
        {
            return;
        }

        if (_canvas is not null)
        {
            using var font = Font(8);
            var place = _header.UnitCode is null ? _text.UnitName(_header) : $"{_text.UnitName(_header)} ({_header.UnitCode})";
            _canvas.DrawText($"Masam · {place} · {_header.Period} · v{_header.Version}", Margin, PageHeight - Margin + 8, SKTextAlign.Left, font, _muted);
            _canvas.DrawText(_text.Format("page", _page, _total), PageWidth - Margin, PageHeight - Margin + 8, SKTextAlign.Right, font, _muted);
            _document!.EndPage();
            _canvas = null;
        }
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>, by words, or by characters when a word alone is too wide.</summary>
    private static List<string> Wrap(string value, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in value.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0) lines.Add(line);
                line = word;
                while (font.MeasureText(line) > width && line.Length > 1)
                {
                    var cut = Fitting(line, font, width);
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>
    /// How many of the text's first characters fit in the width (at least one): a binary search, so
    /// that a long unbroken word (a pasted link, hostile text) costs log n measurements a line, not n.
    /// </summary>
    private static int Fitting(string text, SKFont font, float width)
    {
        var (fits, tooWide) = (1, text.Length);
        while (tooWide - fits > 1)
        {
            var middle = (fits + tooWide) / 2;
            if (font.MeasureText(text.AsSpan(0, middle)) <= width) fits = middle;
            else tooWide = middle;
        }

        return fits;
    }
}
