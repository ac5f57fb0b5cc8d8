using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Figures.Weighting;
using Masam.Web.Features.Publications;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Staff;

/// <summary>
/// "Where to work next": the analyst picks a period and a weight for each indicator (a plain GET
/// form: a ranking is a link to share), sees the aimags ranked, and downloads it as CSV or XLSX.
/// The same <see cref="Targeting"/> as the API.
/// </summary>
[Authorize(Policy = AccountsFeature.NationalPolicy)]
public sealed class TargetingModel(Targeting targeting, PublicationWorkflow publications, IStringLocalizer text) : PageModel, Shared.IFormPage
{
    [FromQuery] public string? Period { get; set; }
    [FromQuery] public double Poverty { get; set; } = 1;
    [FromQuery] public double Satisfaction { get; set; } = 1;
    [FromQuery] public double Responsiveness { get; set; } = 1;
    [FromQuery] public double Coverage { get; set; } = 1;

    public IReadOnlyList<FigurePeriod> Periods { get; private set; } = [];
    public TargetingRanking? Ranking { get; private set; }
    public FieldErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Ranking = await RankAsync(ct);
        if (Errors.Any) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await RankAsync(ct) is { } ranking ? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(ranking))).ToArray(), "text/csv; charset=utf-8", $"masam-targeting-{ranking.Period}.csv") : await OnGetAsync(ct);

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await RankAsync(ct) is { } ranking ? File(Xlsx(ranking), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"masam-targeting-{ranking.Period}.xlsx") : await OnGetAsync(ct);

    /// <summary>The query string of this ranking with another handler, for the download links.</summary>
    /// <summary>An area's name in the reader's language; a district of the capital says so.</summary>
    public string Name(TargetingArea area) =>
        area.Kind == "district" ? text["targeting.district", Cultures.Pick(area.NameMn, area.NameEn)] : Cultures.Pick(area.NameMn, area.NameEn);

    public string Link(string? handler) =>
        $"/staff/targeting?{(handler is null ? "" : $"handler={handler}&")}period={Uri.EscapeDataString(Ranking?.Period ?? Period ?? "")}" +
        string.Concat(Targeting.Indicators.Select(i => $"&{i}={Weight(i).ToString(CultureInfo.InvariantCulture)}"));

    public double Weight(string indicator) => indicator switch
    {
        "poverty" => Poverty, "satisfaction" => Satisfaction, "responsiveness" => Responsiveness, _ => Coverage,
    };

    private async Task<TargetingRanking?> RankAsync(CancellationToken ct)
    {
        Periods = publications.DraftablePeriods();
        var period = string.IsNullOrWhiteSpace(Period) ? Periods.FirstOrDefault() : FigurePeriod.Parse(Period);
        if (period is null) Errors.Add("period", text["error.figures.period"]);
        var weights = Targeting.Indicators.ToDictionary(i => i, Weight);
        Targeting.Check(weights, Errors, text, indicator => text[$"targeting.{indicator}"], "poverty");
        if (Errors.Any) return null;
        Period = period!.Name;
        return await targeting.RankAsync(period, weights, ct);
    }

    private string[] Header() =>
        [text["targeting.rank"], text["targeting.code"], text["targeting.area"], text["targeting.need"], text["targeting.poverty"], text["targeting.satisfaction"],
         text["targeting.responses"], text["targeting.responsiveness"], text["targeting.due"], text["targeting.coverage"], text["targeting.population"], text["targeting.missing"]];

    private object?[] Row(TargetingArea a, int rank) =>
        [rank, a.Code, Name(a), a.Need, a.PovertyHeadcount, a.Satisfaction, a.Responses, a.AnsweredOnTime, a.Due, a.CyclesPer10000, a.Population, string.Join(" ", a.Missing)];

    private string Csv(TargetingRanking ranking)
    {
        static string Cell(object? value) => value switch
        {
            null => "",
            double d => d.ToString("0.####", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => $"\"{other.ToString()!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
        };
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Header().Select(Cell)));
        foreach (var (area, i) in ranking.Areas.Select((a, i) => (a, i)))
        {
            csv.AppendLine(string.Join(',', Row(area, i + 1).Select(Cell)));
        }

        return csv.ToString();
    }

    private byte[] Xlsx(TargetingRanking ranking)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(ranking.Period);
        var header = Header();
        for (var c = 0; c < header.Length; c++) Text(sheet.Cell(1, c + 1), header[c]);
        foreach (var (area, i) in ranking.Areas.Select((a, i) => (a, i)))
        {
            var row = Row(area, i + 1);
            for (var c = 0; c < row.Length; c++)
            {
                var cell = sheet.Cell(i + 2, c + 1);
                switch (row[c])
                {
                    case null: break;
                    case double d: cell.SetValue(d); break;
                    case int n: cell.SetValue(n); break;
                    case var other: Text(cell, other.ToString()!); break;
                }
            }
        }

        var notes = workbook.AddWorksheet(text["targeting.sources"]);
        foreach (var (source, i) in ranking.Sources.Select((s, i) => (s, i)))
        {
            Text(notes.Cell(i + 1, 1), text[$"targeting.{source.Indicator}"]);
            Text(notes.Cell(i + 1, 2), source.Source);
        }

        sheet.Row(1).Style.Font.Bold = true;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Text stays text (a name that starts with '=' is not a formula).</summary>
    private static void Text(IXLCell cell, string value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
    }
}
