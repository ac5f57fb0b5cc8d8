using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;

namespace Masam.Web.Tests.Features.Scorecards;

/// <summary>
/// Builds tablet exports the way KoBoToolbox and ODK Central lay them out, for the
/// <c>csc-focus-group</c> form. The shipped samples in <c>seed-data/samples/</c> were made with
/// <see cref="Kobo"/> and <see cref="Odk"/> from <see cref="Standard"/>
/// (<c>MASAM_WRITE_SAMPLES=seed-data/samples dotnet test --filter SampleExportTests</c>).
/// </summary>
public static class SampleExports
{
    public sealed record Submission(string InstanceId, string GroupType, string? OtherName, int Participants, int Female, int Disability, int Youth,
        bool Approved, IReadOnlyList<(string Indicator, string Score, string? Reason, string? Suggestion)> Scores);

    public static readonly Submission[] Standard =
    [
        new("uuid:2f6c1c1e-0001-4a6b-9d0e-6f1c2b3a4d01", "women", null, 14, 14, 1, 4, true,
            [("health-waiting-time", "2", "Өглөө эрт ирж дугаар авдаг", "Цахим дугаар"), ("health-medicines", "1", "Эм дутагдалтай", "Захиалгыг улирал бүр хийх")]),
        new("uuid:2f6c1c1e-0002-4a6b-9d0e-6f1c2b3a4d02", "herders", null, 9, 3, 0, 2, true,
            [("health-waiting-time", "3", "Хол зайнаас ирдэг", "Явуулын үзлэг"), ("health-medicines", "2", null, "Багийн эмийн сан")]),
        new("uuid:2f6c1c1e-0003-4a6b-9d0e-6f1c2b3a4d03", "other", "Сүрьеэгийн өвчтөнүүд", 5, 2, 0, 0, false,
            [("health-waiting-time", "2", "Тусгаарлах өрөө алга", null), ("health-medicines", "3", null, null)]),
    ];

    public static byte[] Kobo(IEnumerable<Submission> submissions)
    {
        using var workbook = new XLWorkbook();
        var main = workbook.Worksheets.Add("csc_focus_group");
        var scores = workbook.Worksheets.Add("scores");
        string[] mainHeaders = ["group_type", "group_other", "participants", "female", "disability", "youth", "_uuid", "_submission_time", "_validation_status", "_index"];
        string[] scoreHeaders = ["indicator", "score", "reason", "suggestion", "_parent_index", "_index"];
        for (var i = 0; i < mainHeaders.Length; i++) main.Cell(1, i + 1).Value = mainHeaders[i];
        for (var i = 0; i < scoreHeaders.Length; i++) scores.Cell(1, i + 1).Value = scoreHeaders[i];
        int row = 2, scoreRow = 2, index = 1, scoreIndex = 1;
        foreach (var s in submissions)
        {
            object?[] values = [s.GroupType, s.OtherName, s.Participants, s.Female, s.Disability, s.Youth, s.InstanceId.Replace("uuid:", ""),
                "2026-05-12T09:30:00", s.Approved ? "validation_status_approved" : "validation_status_not_approved", index];
            for (var i = 0; i < values.Length; i++) main.Cell(row, i + 1).Value = values[i];
            foreach (var (indicator, score, reason, suggestion) in s.Scores)
            {
                object?[] cells = [indicator, score, reason, suggestion, index, scoreIndex++];
                for (var i = 0; i < cells.Length; i++) scores.Cell(scoreRow, i + 1).Value = cells[i];
                scoreRow++;
            }

            row++;
            index++;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>KoBoToolbox's CSV export: one CSV per sheet in a zip, linked by _index/_parent_index.</summary>
    public static byte[] KoboCsv(IEnumerable<Submission> submissions)
    {
        var main = new StringBuilder("group_type,group_other,participants,female,disability,youth,_uuid,_submission_time,_validation_status,_index\n");
        var scores = new StringBuilder("indicator,score,reason,suggestion,_parent_index,_index\n");
        int index = 1, scoreIndex = 1;
        foreach (var s in submissions)
        {
            main.AppendLine(string.Join(',', s.GroupType, Quote(s.OtherName), s.Participants, s.Female, s.Disability, s.Youth, s.InstanceId.Replace("uuid:", ""),
                "2026-05-12T09:30:00", s.Approved ? "validation_status_approved" : "", index));
            foreach (var (indicator, score, reason, suggestion) in s.Scores)
            {
                scores.AppendLine(string.Join(',', indicator, score, Quote(reason), Quote(suggestion), index, scoreIndex++));
            }

            index++;
        }

        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "csc_focus_group.csv", main.ToString(), null);
            Write(zip, "scores.csv", scores.ToString(), null);
        }

        return stream.ToArray();
    }

    public static byte[] Odk(IEnumerable<Submission> submissions, Encoding? encoding = null)
    {
        var main = new StringBuilder("group_type,group_other,participants,female,disability,youth,meta-instanceID,SubmissionDate,ReviewState,KEY\n");
        var scores = new StringBuilder("indicator,score,reason,suggestion,PARENT_KEY,KEY\n");
        foreach (var s in submissions)
        {
            main.AppendLine(string.Join(',', s.GroupType, Quote(s.OtherName), s.Participants, s.Female, s.Disability, s.Youth, s.InstanceId,
                "2026-05-12T09:30:00.000Z", s.Approved ? "approved" : "", s.InstanceId));
            var n = 1;
            foreach (var (indicator, score, reason, suggestion) in s.Scores)
            {
                scores.AppendLine(string.Join(',', indicator, score, Quote(reason), Quote(suggestion), s.InstanceId, $"{s.InstanceId}/scores[{n++}]"));
            }
        }

        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "csc_focus_group.csv", main.ToString(), encoding);
            Write(zip, "csc_focus_group-scores.csv", scores.ToString(), encoding);
        }

        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text, Encoding? encoding)
    {
        using var entry = zip.CreateEntry(name).Open();
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        entry.Write(bytes);
    }

    private static string Quote(string? value) => value is null ? "" : $"\"{value.Replace("\"", "\"\"")}\"";
}
