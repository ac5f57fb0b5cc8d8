using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Masam.Reporting;
using UglyToad.PdfPig;

namespace Masam.Web.Tests.Features.Publications;

public sealed class ReportWriterTests
{
    private static readonly ReportModel Model = SampleReports.Model();

    [Fact]
    public void Xlsx_HasASheetPerTable_WithFrozenFilteredHeaders_NumbersAsNumbers_AndHostileTextAsText()
    {
        using var buffer = new MemoryStream();
        XlsxReportWriter.Write(Model, "mn", buffer);
        buffer.Position = 0;
        using var workbook = new XLWorkbook(buffer);

        Assert.Equal(["Хураангуй", "Нэгжүүд", "Салбарууд", "Байгууллага бүрийн үзүүлэлт", "Иргэдийн онооны карт", "Бүлгийн оноо", "Хариу арга хэмжээ",
            "Төсөв батлагдсан ба зарцуулсан", "Арга зүй"], workbook.Worksheets.Select(w => w.Name));
        var units = workbook.Worksheet("Нэгжүүд");
        Assert.Equal(1, units.SheetView.SplitRow);
        Assert.True(units.AutoFilter.IsEnabled);
        Assert.Equal(300, units.Cell(2, 3).GetDouble());
        Assert.Equal(0.78, units.Cell(2, 5).GetDouble(), 6);
        Assert.Equal("0.0%", units.Cell(2, 5).Style.NumberFormat.Format);
        Assert.True(units.Cell(3, 3).IsEmpty(), "a suppressed cell is empty, never 0");
        Assert.Equal("Нууцалсан (n < 10)", units.Cell(3, 10).GetString());
        Assert.Equal("Нууцалсан (нэмэлт)", units.Cell(4, 10).GetString());

        var actions = workbook.Worksheet("Хариу арга хэмжээ");
        Assert.False(actions.Cell(2, 2).HasFormula);
        Assert.Equal(SampleReports.Formula, actions.Cell(2, 2).GetString());
        Assert.Equal(1_500_000, actions.Cell(2, 7).GetDouble());
        Assert.StartsWith("Үйлчилгээний чанар", workbook.Worksheet("Хураангуй").Cell(1, 1).GetString());
    }

    [Fact]
    public void Xlsx_InEnglish_NamesEverythingInEnglish()
    {
        using var buffer = new MemoryStream();
        XlsxReportWriter.Write(Model, "en", buffer);
        buffer.Position = 0;
        using var workbook = new XLWorkbook(buffer);

        Assert.Contains("Units", workbook.Worksheets.Select(w => w.Name));
        Assert.Equal("Arvaikheer", workbook.Worksheet("Units").Cell(2, 2).GetString());
        Assert.Equal("Suppressed (n < 10)", workbook.Worksheet("Units").Cell(3, 10).GetString());
    }

    [Fact]
    public void Csv_IsUtf8WithABom_KeyedHeaders_InvariantNumbers_EmptySuppressedCells_AndNeutralisedFormulas()
    {
        var tables = ReportTables.For(Model, new ReportText("mn")).ToDictionary(t => t.Name);
        var units = CsvReportWriter.Write(tables["units"]);
        Assert.Equal([0xEF, 0xBB, 0xBF], units[..3]);
        var lines = Encoding.UTF8.GetString(units[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,name,n,mean,rate,rate_lower,rate_upper,change,significant,note,weighted_rate,weighted_lower,weighted_upper,effective_n", lines[0]);
        Assert.Equal("MN06501,Арвайхээр,300,3.9,0.78,0.68,0.86,0.05,Үгүй,,0.74,0.63,0.84,180", lines[1]);
        Assert.Equal("MN06503,Бүрд,,,,,,,,Нууцалсан (n < 10),,,,", lines[2]);

        var actions = Encoding.UTF8.GetString(CsvReportWriter.Write(tables["actions"])[3..]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", actions);
        Assert.Contains(",'+1 хүн нэмэх,", actions);
        Assert.Contains(",'@budget,", actions);
        Assert.DoesNotContain(",=", actions);
    }

    [Fact]
    public void Json_CarriesBothLanguages_EscapesMarkup_AndReadsBackTheSameModel()
    {
        var json = JsonReportWriter.Write(Model);
        var text = Encoding.UTF8.GetString(json);

        Assert.Contains("\"schemaVersion\": \"1\"", text);
        Assert.Contains("Өвөрхангай", text);
        Assert.Contains("Övörkhangai", text);
        Assert.DoesNotContain("<script>", text);
        Assert.Contains("\\u003Cscript\\u003E", text);
        var back = JsonReportWriter.Read(json);
        Assert.Equal(Model.Total, back.Total);
        Assert.Equal(Model.Units, back.Units);
        Assert.Equal(Model.Actions[0], back.Actions[0]);
        using var schema = JsonDocument.Parse(JsonReportWriter.Schema());
        Assert.Equal("Masam publication", schema.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void Pdf_HasCyrillicTextIntact_PageNumbers_AndTheEnglishVersionOnRequest()
    {
        var model = SampleReports.Model(providers: 160);
        using var mn = new MemoryStream();
        PdfReportWriter.Write(model, "mn", mn);
        using var document = PdfDocument.Open(mn.ToArray());
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));

        Assert.True(document.NumberOfPages > 3, $"{document.NumberOfPages} pages");
        Assert.Contains("Өвөрхангай", text);
        Assert.Contains("Үйлчилгээний", text);
        Assert.Contains("₮", text);
        Assert.Contains("ханамжийн", text);
        Assert.Contains($"Хуудас 1 / {document.NumberOfPages}", text.Replace('\u00A0', ' '));
        Assert.Contains("Нууцалсан", text);

        using var en = new MemoryStream();
        PdfReportWriter.Write(model, "en", en);
        using var english = PdfDocument.Open(en.ToArray());
        var englishText = string.Join("\n", english.GetPages().Select(p => p.Text));
        Assert.Contains("Satisfaction", englishText);
        Assert.Contains("Övörkhangai", string.Join(" ", english.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)));
    }

    [Fact]
    public void Pdf_OfANationalReport_IsUnder200KB_ItsFontsCarryingOnlyTheScriptsAReportUses()
    {
        // Noto Sans is embedded as shipped in the assembly: Latin, Cyrillic (Ө ө Ү ү), punctuation and ₮, not Greek or Vietnamese.
        var model = SampleReports.Model(providers: 160);
        foreach (var language in new[] { "mn", "en" })
        {
            using var pdf = new MemoryStream();
            PdfReportWriter.Write(model, language, pdf);
            Assert.True(pdf.Length < 200 * 1024, $"the {language} PDF is {pdf.Length / 1024} KB");
        }

        Assert.True(ReportFonts.Regular.ContainsGlyphs("ӨөҮүЁё₮№–“”…"));
        Assert.True(ReportFonts.Bold.ContainsGlyphs("ӨөҮүЁё₮№–“”…"));
    }

    [Theory]
    [InlineData("Утас 99112233 руу залгаарай", "Утас [***] руу залгаарай")]
    [InlineData("+976 9911-2233", "[***]")]
    [InlineData("Регистр УБ99112233 гэж", "Регистр [***] гэж")]
    [InlineData("2026 онд 12 хүн", "2026 онд 12 хүн")]
    [InlineData("Төсөв 150000000 төгрөг", "Төсөв 150000000 төгрөг")]
    public void PublicText_MasksPhoneAndCivilRegisterNumbers_AndLeavesOtherNumbers(string input, string expected) =>
        Assert.Equal(expected, PublicText.Screen(input));

    [Fact]
    public void EveryReportLabel_ExistsInMongolianAndEnglish()
    {
        foreach (var (key, mn, en) in ReportText.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(mn), key);
            Assert.False(string.IsNullOrWhiteSpace(en), key);
            Assert.Matches("[А-Яа-яӨөҮүЁё]", mn);
        }
    }
}
