using System.Globalization;

namespace Masam.Reporting;

/// <summary>The labels of the publication files, in Mongolian (the default) and English.</summary>
public sealed class ReportText
{
    private static readonly Dictionary<string, (string Mn, string En)> Texts = new()
    {
        ["title"] = ("Үйлчилгээний чанар, хариуцлагын тайлан", "Service quality and accountability report"),
        ["subtitle"] = ("Шилэн дансны зарчмаар нийтэлсэн", "Published in the manner of the Glass Account"),
        ["national"] = ("Улсын хэмжээнд", "National"),
        ["period"] = ("Хугацаа", "Period"),
        ["unit"] = ("Нэгж", "Unit"),
        ["version"] = ("Хувилбар", "Version"),
        ["generated"] = ("Бэлтгэсэн", "Prepared"),
        ["replaces"] = ("Засвар: {0} дугаар нийтлэлийг орлоно. Шалтгаан: {1}", "Correction: replaces publication {0}. Reason: {1}"),
        ["sheet.summary"] = ("Хураангуй", "Summary"),
        ["sheet.providers"] = ("Байгууллагууд", "Providers"),
        ["sheet.units"] = ("Нэгжүүд", "Units"),
        ["sheet.sectors"] = ("Салбарууд", "Sectors"),
        ["sheet.scorecards"] = ("Онооны карт", "Scorecards"),
        ["sheet.groups"] = ("Бүлгийн оноо", "Group scores"),
        ["sheet.actions"] = ("Арга хэмжээ", "Actions"),
        ["sheet.budget"] = ("Төсөв", "Budget"),
        ["sheet.method"] = ("Арга зүй", "Method"),
        ["col.code"] = ("Код", "Code"),
        ["col.name"] = ("Нэр", "Name"),
        ["col.n"] = ("Хариулт (n)", "Responses (n)"),
        ["col.mean"] = ("Дундаж оноо", "Mean score"),
        ["col.rate"] = ("Сэтгэл ханамж", "Satisfaction rate"),
        ["col.lower"] = ("Доод хязгаар (95 %)", "Lower bound (95 %)"),
        ["col.upper"] = ("Дээд хязгаар (95 %)", "Upper bound (95 %)"),
        ["col.weighted"] = ("Хүн амд жигнэсэн", "Weighted to population"),
        ["col.weightedLower"] = ("Жигнэсэн, доод хязгаар", "Weighted, lower bound"),
        ["col.weightedUpper"] = ("Жигнэсэн, дээд хязгаар", "Weighted, upper bound"),
        ["col.effectiveN"] = ("Үр дүнтэй n", "Effective n"),
        ["col.change"] = ("Өмнөх үеэс өөрчлөлт", "Change from previous period"),
        ["col.significant"] = ("Ач холбогдолтой өөрчлөлт", "Significant change"),
        ["col.note"] = ("Тэмдэглэл", "Note"),
        ["col.unit"] = ("Сум, дүүрэг", "Soum or district"),
        ["col.sector"] = ("Салбар", "Sector"),
        ["col.registration"] = ("Регистрийн дугаар", "Registration number"),
        ["col.received"] = ("Ирсэн санал", "Feedback received"),
        ["col.due"] = ("Хариулах ёстой", "Due"),
        ["col.answeredOnTime"] = ("Хугацаандаа хариулсан", "Answered on time"),
        ["col.answeredOnTimeRate"] = ("Хугацаандаа хариулсан хувь", "Share answered on time"),
        ["col.overdue"] = ("Хугацаа хэтэрсэн", "Overdue"),
        ["col.medianDays"] = ("Хариулах хугацааны медиан (хоног)", "Median days to first answer"),
        ["col.cycle"] = ("Мөчлөг", "Cycle"),
        ["col.provider"] = ("Байгууллага", "Provider"),
        ["col.indicator"] = ("Шалгуур үзүүлэлт", "Indicator"),
        ["col.groups"] = ("Бүлгийн тоо", "Groups"),
        ["col.community"] = ("Иргэдийн нэгдсэн оноо", "Community score"),
        ["col.self"] = ("Өөрийн үнэлгээ", "Self-score"),
        ["col.gap"] = ("Зөрүү", "Gap"),
        ["col.group"] = ("Бүлэг", "Group"),
        ["col.participants"] = ("Оролцогч", "Participants"),
        ["col.score"] = ("Оноо", "Score"),
        ["col.action"] = ("Арга хэмжээ", "Action"),
        ["col.responsible"] = ("Хариуцагч", "Responsible"),
        ["col.dueOn"] = ("Дуусах хугацаа", "Due on"),
        ["col.status"] = ("Төлөв", "Status"),
        ["col.progress"] = ("Гүйцэтгэл (%)", "Progress (%)"),
        ["col.cost"] = ("Төсөв (₮)", "Cost (₮)"),
        ["col.funding"] = ("Санхүүжилтийн эх үүсвэр", "Funding source"),
        ["col.completed"] = ("Дууссан огноо", "Completed on"),
        ["col.actions"] = ("Арга хэмжээний тоо", "Actions"),
        ["col.committed"] = ("Батлагдсан (₮)", "Committed (₮)"),
        ["col.spent"] = ("Зарцуулсан (₮)", "Spent (₮)"),
        ["col.figure"] = ("Үзүүлэлт", "Figure"),
        ["col.value"] = ("Утга", "Value"),
        ["key.title"] = ("Гол үзүүлэлтүүд", "Key figures"),
        ["key.responses"] = ("Үнэлгээ өгсөн хариулт", "Responses with a score"),
        ["key.rate"] = ("Сэтгэл ханамжийн түвшин", "Satisfaction rate"),
        ["key.weightedRate"] = ("Хүн амд жигнэсэн сэтгэл ханамжийн түвшин", "Satisfaction rate weighted to the population"),
        ["key.effectiveN"] = ("Жигнэсэн түвшний үр дүнтэй түүвэр (n)", "Effective sample size of the weighted rate"),
        ["key.mean"] = ("Дундаж оноо (1-5)", "Mean score (1-5)"),
        ["key.answeredOnTime"] = ("Хугацаандаа хариулсан санал", "Feedback answered on time"),
        ["key.medianAnswer"] = ("Анхны хариулт хүртэлх хугацааны медиан (хоног)", "Median days to first answer"),
        ["key.medianClose"] = ("Хаах хүртэлх хугацааны медиан (хоног)", "Median days to close"),
        ["key.overdue"] = ("Хугацаа хэтэрсэн санал", "Overdue feedback"),
        ["key.actionsOnTime"] = ("Хугацаандаа хийсэн арга хэмжээ", "Actions done on time"),
        ["key.actionsOverdue"] = ("Хугацаа хэтэрсэн арга хэмжээ", "Overdue actions"),
        ["chart.units"] = ("Сэтгэл ханамжийн түвшин, нэгжээр", "Satisfaction rate by unit"),
        ["chart.sectors"] = ("Сэтгэл ханамжийн түвшин, салбараар", "Satisfaction rate by sector"),
        ["section.providers"] = ("Байгууллага бүрийн үзүүлэлт", "Figures per provider"),
        ["section.scorecards"] = ("Иргэдийн онооны карт", "Community Score Cards"),
        ["section.actions"] = ("Хариу арга хэмжээ", "Response actions"),
        ["section.budget"] = ("Төсөв: батлагдсан ба зарцуулсан", "Budget: committed and spent"),
        ["section.method"] = ("Арга зүй, нууцлал", "Method and disclosure control"),
        ["disclosure.small-cell"] = ("Нууцалсан (n < {0})", "Suppressed (n < {0})"),
        ["disclosure.complementary"] = ("Нууцалсан (нэмэлт)", "Suppressed (complementary)"),
        ["disclosure.no-data"] = ("Мэдээлэл байхгүй", "No data"),
        ["disclosure.held"] = ("Хянаж байгаа тул түр нийтлээгүй", "Held for review"),
        ["disclosure.withheld"] = ("Хянасны дараа нийтлээгүй", "Withheld after review"),
        ["yes"] = ("Тийм", "Yes"),
        ["no"] = ("Үгүй", "No"),
        ["status.planned"] = ("Төлөвлөсөн", "Planned"),
        ["status.in-progress"] = ("Хэрэгжиж байна", "In progress"),
        ["status.done"] = ("Хийгдсэн", "Done"),
        ["status.dropped"] = ("Цуцалсан", "Dropped"),
        ["none"] = ("Мэдээлэл алга.", "Nothing to report."),
        ["page"] = ("Хуудас {0} / {1}", "Page {0} of {1}"),
        ["method.rate"] = (
            "Сэтгэл ханамжийн түвшин нь 5 онооны хуваарьт 4 эсвэл 5 гэж үнэлсэн хариултын эзлэх хувь. Итгэх завсар нь Вилсоны 95 %-ийн завсар; өөрчлөлтийн ач холбогдлыг хоёр хувийн z-шалгуураар 5 %-ийн түвшинд шалгав.",
            "The satisfaction rate is the share of responses scoring 4 or 5 on the 5-point scale. Intervals are Wilson 95 % score intervals; a change is significant by a two-proportion z-test at the 5 % level."),
        ["method.voices"] = (
            "Нэг хүний санал нэг л удаа тоологдоно: нэг утас (SMS, санал асуулгын хариу), нэг хөтөч, күүкигүй бол нэг IP хаяг, дугааргүй дуудлагыг бүртгэсэн нэг ажилтан нэг байгууллагад сард нэг удаа, сүүлийн үнэлгээгээрээ тоологдоно. Бусад санал хадгалагдаж, хариулагдсаар байна. Улирал, жилийн дүн сар бүрийн дүнгийн нийлбэр.",
            "Each voice counts once: a phone (SMS and survey answers), a browser, an address where no cookie came, or an operator entering calls without a number counts once per provider and month, with its latest rating. The rest are still stored and answered. Quarters and years add up their months."),
        ["method.holds"] = (
            "Шинжээч хуурамч санал (нэг утас, хөтөч, хаягаас олон үнэлгээ, бөөгнөрөл, 5 онооны хэт өндөр хувь) эсвэл үйлчилгээний бүртгэлийн алдааны дохиог шалгах хугацаанд тухайн байгууллагын үзүүлэлтийг \"хянаж байгаа\" гэж түр нийтлэхгүй байж болно; шалгаад нийтлэх, эсвэл \"хянасны дараа нийтлээгүй\" гэж батална. Ийм нүдийг бусад тооноос тооцож олохоос бусад нууцалсан нүдний адилаар хамгаалсан.",
            "An analyst may hold a provider's figure while checking signals of stuffing (many ratings from one phone, browser or address, bursts, too many top scores) or of fudged visit data: it is then published as \"held for review\", and later released or \"withheld after review\". Such a cell is protected from being worked out from the others as any suppressed cell is."),
        ["method.suppression"] = (
            "{0}-аас цөөн хариулттай нүдийг нууцалсан. Нийт дүнгээс хасаж олохоос сэргийлж өөр нэг нүдийг нэмэлтээр нууцалсан. Нууцалсан нүд тэг гэсэн үг биш.",
            "Cells with fewer than {0} responses are suppressed, and a second cell is suppressed wherever a total would let the first be worked out. A suppressed cell does not mean zero."),
        ["method.weighting"] = (
            "Хүн амд жигнэсэн түвшинг зөвхөн харуулсан тоо баримтаас тооцов: аймгийнх нь харуулсан сум, дүүргийг хүн амд нь (ҮСХ, 2020) жигнэж, нууцалсан сумдыг нэгтгэсэн; улсынх нь аймгуудын харуулсан насны бүлгийг аймгийн хүн ам, насанд хүрэгчдийн насны бүлэгт (ҮСХ, 2019) давталттай пропорциональ тохируулгаар (raking) жигнэсэн; жинг дунджийн 0.2–5 дахинд хязгаарлав. Тиймээс нууцалсан нүдний талаар шинэ мэдээлэл өгөхгүй, хэн ч дахин тооцож шалгаж болно. Итгэх завсар нь Кишийн үр дүнтэй түүвэр (Σw)²/Σw² дээрх Вилсоны завсар; дизайны нөлөө = n / үр дүнтэй n. Сум, салбар, байгууллагыг жигнээгүй. Нүдийг харуулах эсэхийг жигнээгүй тоогоор шийднэ.",
            "The population-weighted rate is computed from the shown figures only: an aimag's shown soums and districts are weighted to their populations (NSO, 2020), its hidden soums pooled; the nation's aimags, by shown age band, are raked (iterative proportional fitting) to the aimags' populations and adults by age band (NSO, 2019); weights are held within 0.2–5 times the mean. It therefore tells nothing new about a hidden cell, and anyone can compute it again. Its interval is Wilson's on Kish's effective sample size (Σw)²/Σw²; design effect = n / effective n. Soums, sectors and providers are not weighted. Whether a cell is shown is decided on the unweighted count."),
        ["method.deadline"] = (
            "Санал хүсэлтэд хүлээн авснаас хойш 30 хоногийн дотор (нэг удаа 30 хоног хүртэл сунгаж болно) хариулах ёстой. Хугацаа нь Монголын цагаар тоологдоно.",
            "Feedback must be answered within 30 days of receipt (extendable once by up to 30 days), counted on Mongolia's calendar."),
        ["method.scorecards"] = (
            "Онооны картын нэгдсэн оноо нь бүлгүүдийн онооны дундаж; бүлэг тус бүрийн оноог тусад нь нийтэлсэн. Зөрүү = өөрийн үнэлгээ − иргэдийн оноо.",
            "A scorecard's community score is the mean of the groups' scores; each group's own score is published beside it. Gap = self-score − community score."),
        ["method.source"] = (
            "Тоо баримтыг {0}-нд тоолсон (аргачлалын хувилбар {1}). Хувийн мэдээлэл (нэр, утасны дугаар, регистрийн дугаар) нийтлэлд ордоггүй.",
            "Figures counted at {0} (method version {1}). No personal data (names, phone numbers, civil register numbers) is published."),
    };

    private readonly bool _english;

    public ReportText(string language) => (_english, Culture) = language == "en"
        ? (true, CultureInfo.GetCultureInfo("en-GB"))
        : (false, CultureInfo.GetCultureInfo("mn-MN"));

    public string Language => _english ? "en" : "mn";

    public CultureInfo Culture { get; }

    public string this[string key] => Texts.TryGetValue(key, out var text) ? _english ? text.En : text.Mn : key;

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    public string Name(string mn, string en) => _english ? en : mn;

    public string UnitName(ReportHeader header) => header.UnitCode is null ? this["national"] : Name(header.UnitNameMn, header.UnitNameEn);

    public string Disclosure(FigureRow row, int threshold) => row.Disclosure switch
    {
        "shown" => "",
        "small-cell" => Format("disclosure.small-cell", threshold),
        var other => this[$"disclosure.{other}"],
    };

    public string Status(string status) => this[$"status.{status}"];

    /// <summary>All keys, for the test that every label exists in both languages.</summary>
    internal static IEnumerable<(string Key, string Mn, string En)> All => Texts.Select(t => (t.Key, t.Value.Mn, t.Value.En));
}
