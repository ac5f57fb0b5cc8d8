using Masam.Reporting;

namespace Masam.Web.Tests.Features.Publications;

/// <summary>A small report model with Mongolian names, suppressed cells and hostile text.</summary>
public static class SampleReports
{
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public const string Script = "<script>alert('x')</script>";

    public static ReportModel Model(int providers = 3)
    {
        FigureRow Shown(string code, string mn, string en, int n, double rate) =>
            new(code, mn, en, "shown", n, 3.9, rate, rate - 0.1, rate + 0.08, 0.05, false, rate - 0.04, rate - 0.15, rate + 0.06, n * 0.6);
        FigureRow Hidden(string code, string mn, string en, string why) => new(code, mn, en, why, null, null, null, null, null, null, null);

        var header = new ReportHeader("2026-Q1", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), "065", "Өвөрхангай", "Övörkhangai", 1,
            new DateTime(2026, 4, 2, 3, 0, 0, DateTimeKind.Utc), "2", 10, new DateTime(2026, 4, 2, 2, 45, 0, DateTimeKind.Utc), null, null);
        return new ReportModel(
            header,
            Shown("065", "Өвөрхангай", "Övörkhangai", 412, 0.7621),
            [Shown("MN06501", "Арвайхээр", "Arvaikheer", 300, 0.78), Hidden("MN06503", "Бүрд", "Bürd", "small-cell"), Hidden("MN06505", "Гучин-Ус", "Guchin-Us", "complementary")],
            [Shown("health", "Эрүүл мэнд", "Health", 250, 0.74), Shown("education", "Боловсрол", "Education", 162, 0.79)],
            [.. Enumerable.Range(1, providers).Select(i => new ProviderRow($"P-{i:D4}", $"Сумын эрүүл мэндийн төв {i}", $"Soum health centre {i}", "MN06501",
                "Арвайхээр", "Arvaikheer", "health", i % 2 == 0 ? null : $"{6000000 + i}",
                i == 2 ? Hidden($"P-{i:D4}", "", "", "small-cell") : Shown($"P-{i:D4}", "", "", 40 + i, 0.7), 50 + i, 30, 40, 0.75, 2, 6.5))],
            new Responsiveness(412, 380, 350, 300, 300 / 380.0, 200, 12, 7, 15, 8, 6, 5, 4, 4 / 6.0, 1),
            [new ScorecardRow(7, "P-0001", "Сумын эрүүл мэндийн төв 1", "Soum health centre 1", "Эмчийн хүрэлцээ", "Enough doctors", 2, 3.00m, 5, 2.00m)],
            [
                new ScorecardGroupRow(7, "P-0001", "Эмчийн хүрэлцээ", "Enough doctors", "women", 12, 4),
                new ScorecardGroupRow(7, "P-0001", "Эмчийн хүрэлцээ", "Enough doctors", "herders", 9, 2),
            ],
            [
                new ActionRow(1, Formula, "Сумын ЗДТГ", "Soum governor's office", new DateOnly(2026, 3, 20), "done", 100, 1_500_000m, "Орон нутгийн хөгжлийн сан",
                    new DateOnly(2026, 3, 18)),
                new ActionRow(2, Script + new string('ө', 3000), "Эмнэлэг", "Hospital", new DateOnly(2026, 3, 25), "in-progress", 40, 250_000m, "-", null),
                new ActionRow(3, "+1 хүн нэмэх", "Эмнэлэг", "Hospital", new DateOnly(2026, 3, 28), "planned", 0, null, "@budget", null),
            ],
            [new BudgetRow("Орон нутгийн хөгжлийн сан", 1, 1_500_000m, 1_500_000m), new BudgetRow("-", 1, 250_000m, 0m)]);
    }
}
