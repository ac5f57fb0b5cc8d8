using System.Text.Json;
using Masam.Web.Data;

namespace Masam.Web.Features.Scorecards.Import;

/// <summary>
/// Which column of a tablet export is which field, per form (<c>seed-data/scorecard-forms/*.json</c>).
/// One mapping covers the form as KoBoToolbox exports it (one sheet per repeat group, linked by
/// <c>_index</c>/<c>_parent_index</c>) and as ODK Central does (one CSV per repeat group in a zip,
/// linked by <c>KEY</c>/<c>PARENT_KEY</c>).
/// </summary>
public sealed record ScorecardFormMapping(string Form, KoboMapping Kobo, OdkMapping Odk, GroupColumns Group, ScoreColumns Score)
{
    public static ScorecardFormMapping Load(string form)
    {
        if (form.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new ArgumentException("Not a form name.", nameof(form));
        }

        var path = SeedData.File("scorecard-forms", form + ".json");
        return File.Exists(path)
            ? JsonSerializer.Deserialize<ScorecardFormMapping>(File.ReadAllBytes(path), JsonSerializerOptions.Web)!
            : throw new FileNotFoundException($"No mapping for the form '{form}'.", path);
    }

    /// <summary>Every column the mapping reads, in either export: the only ones an import keeps in memory.</summary>
    public IReadOnlySet<string> Columns => new HashSet<string>(
        [Kobo.InstanceId, Kobo.SubmittedAt, Kobo.Approval.Column, Kobo.MainIndex, Kobo.ParentIndex,
         Odk.InstanceId, Odk.SubmittedAt, Odk.Approval.Column, Odk.MainKey, Odk.ParentKey,
         Group.Type, Group.OtherName, Group.Participants, Group.Female, Group.WithDisability, Group.Youth,
         Score.Indicator, Score.Score, Score.Reason, Score.Suggestion], StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Forms =>
        [.. Directory.EnumerateFiles(SeedData.File("scorecard-forms"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!];
}

public sealed record Approval(string Column, string Approved);

public sealed record KoboMapping(string MainSheet, string ScoresSheet, string InstanceId, string SubmittedAt, Approval Approval, string MainIndex, string ParentIndex);

public sealed record OdkMapping(string MainFile, string ScoresFile, string InstanceId, string SubmittedAt, Approval Approval, string MainKey, string ParentKey);

public sealed record GroupColumns(string Type, string OtherName, string Participants, string Female, string WithDisability, string Youth);

public sealed record ScoreColumns(string Indicator, string Score, string Reason, string Suggestion);
