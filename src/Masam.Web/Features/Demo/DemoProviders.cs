using Masam.Web.Features.Geography;

namespace Masam.Web.Features.Demo;

/// <summary>
/// The demo set of providers: for every aimag centre and every Ulaanbaatar district a One-Stop
/// Service Centre, schools, a kindergarten, a health provider and a welfare office; for every
/// other soum a health centre, a school and the governor's office. Names follow the usual
/// Mongolian pattern ("Улиастай сумын 1-р сургууль").
/// </summary>
internal static class DemoProviders
{
    public sealed record Plan(string Code, string TypeCode, string NameMn, string NameEn);

    public static IEnumerable<Plan> For(AdminUnit unit, AdminUnit parent)
    {
        var isDistrict = unit.Kind == AdminUnitKind.District;
        var isCentre = isDistrict || unit.Code.EndsWith("01", StringComparison.Ordinal);
        var (mn, en) = Genitive(unit);
        var n = int.Parse(unit.Code[^2..], System.Globalization.CultureInfo.InvariantCulture);

        if (isCentre)
        {
            yield return new($"DEMO-{unit.Code}-OSS", "oss-centre",
                $"{mn} Төрийн үйлчилгээний нэг цэгийн төв", $"{en} One-Stop Service Centre");
            yield return new($"DEMO-{unit.Code}-SCH1", "general-school",
                $"{mn} {n + 1}-р ерөнхий боловсролын сургууль", $"{en} General Education School No. {n + 1}");
            yield return new($"DEMO-{unit.Code}-SCH2", "general-school",
                $"{mn} {n + 14}-р сургууль", $"{en} School No. {n + 14}");
            yield return new($"DEMO-{unit.Code}-KG", "kindergarten",
                $"{mn} {n + 3}-р цэцэрлэг", $"{en} Kindergarten No. {n + 3}");
            yield return new($"DEMO-{unit.Code}-WEL", "social-welfare-office",
                $"{mn} Хөдөлмөр, халамжийн үйлчилгээний хэлтэс", $"{en} Labour and Social Welfare Office");
            if (isDistrict)
            {
                yield return new($"DEMO-{unit.Code}-FHC1", "family-health-centre",
                    $"{mn} {n + 2}-р өрхийн эрүүл мэндийн төв", $"{en} Family Health Centre No. {n + 2}");
                yield return new($"DEMO-{unit.Code}-FHC2", "family-health-centre",
                    $"{mn} {n + 9}-р өрхийн эрүүл мэндийн төв", $"{en} Family Health Centre No. {n + 9}");
            }
            else
            {
                var (aimagMn, aimagEn) = (parent.NameMn, parent.NameEn);
                yield return new($"DEMO-{unit.Code}-HOSP", "general-hospital",
                    $"{aimagMn} аймгийн Нэгдсэн эмнэлэг", $"{aimagEn} Aimag General Hospital");
                yield return new($"DEMO-{unit.Code}-FHC1", "family-health-centre",
                    $"{mn} {n + 1}-р өрхийн эрүүл мэндийн төв", $"{en} Family Health Centre No. {n + 1}");
            }
        }
        else
        {
            yield return new($"DEMO-{unit.Code}-SHC", "soum-health-centre",
                $"{mn} эрүүл мэндийн төв", $"{en} Health Centre");
            yield return new($"DEMO-{unit.Code}-SCH1", "general-school",
                $"{mn} ерөнхий боловсролын сургууль", $"{en} General Education School");
            yield return new($"DEMO-{unit.Code}-GOV", "governor-office",
                $"{mn} Засаг даргын Тамгын газар", $"{en} Governor's Office");
        }
    }

    /// <summary>"Улиастай сумын", "Баянзүрх дүүргийн"; a name that already ends in "сум" takes only the ending.</summary>
    private static (string Mn, string En) Genitive(AdminUnit unit)
    {
        if (unit.Kind == AdminUnitKind.District)
        {
            return ($"{unit.NameMn} дүүргийн", $"{unit.NameEn} District");
        }

        var mn = unit.NameMn.EndsWith(" сум", StringComparison.Ordinal) ? unit.NameMn + "ын" : unit.NameMn + " сумын";
        var en = unit.NameEn.EndsWith(" soum", StringComparison.OrdinalIgnoreCase) ? unit.NameEn[..^5] : unit.NameEn;
        return (mn, $"{en} Soum");
    }
}
