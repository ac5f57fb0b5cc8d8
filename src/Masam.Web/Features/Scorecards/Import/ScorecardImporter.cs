using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Scorecards.Import;

/// <summary>What an import did, and every row it could not take, with its sheet, row and column.</summary>
public sealed record ImportReport(int Imported, int Updated, int SkippedNotApproved, IReadOnlyList<ImportError> Errors);

public sealed record ImportError(string Sheet, int Row, string Column, string Message);

/// <summary>
/// Imports focus-group score sheets collected on tablets (KoBoToolbox XLSX, ODK Central zip of CSVs)
/// into a cycle. Each submission is checked whole before anything of it is stored, so a submission
/// with a bad row is reported and left out, never half-imported; a submission imported before (by
/// instance id) is updated, not duplicated.
/// </summary>
public sealed class ScorecardImporter(
    MasamDbContext db, ScorecardCycles cards, AuditTrail audit, TimeProvider clock, IStringLocalizer text, Microsoft.Extensions.Options.IOptions<ImportOptions> limits)
{
    public async Task<(ImportReport? Report, ChangeOutcome? Problem)> ImportAsync(
        int cycleId, string format, byte[] file, bool approvedOnly, string form, CancellationToken ct)
    {
        if (!cards.RunsCommunitySide) return (null, ChangeOutcome.ForbiddenFor(ScorecardCycles.NotYourSide));
        var cycle = await cards.InScope().AsTracking().Include(c => c.Indicators).ThenInclude(i => i.LibraryIndicator)
            .FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return (null, ChangeOutcome.NotFound);
        if (cycle.Stage != ScorecardStage.CommunityScoring)
            return (null, ChangeOutcome.Refused(text["error.scorecard.stageFor", WireEnum<ScorecardStage>.Name(cycle.Stage)]));

        var mapping = ScorecardFormMapping.Load(form);
        ExportTable main, scores;
        string instanceColumn, submittedColumn, mainLink, childLink;
        Approval approval;
        try
        {
            (main, scores) = format switch
            {
                "kobo" => ExportReader.ReadKobo(file, mapping.Kobo, limits.Value, mapping.Columns),
                "odk" => ExportReader.ReadOdk(file, mapping.Odk, limits.Value, mapping.Columns),
                _ => throw new ExportFormatException(text["error.import.format", format]),
            };
            (instanceColumn, submittedColumn, mainLink, childLink, approval) = format == "kobo"
                ? (mapping.Kobo.InstanceId, mapping.Kobo.SubmittedAt, mapping.Kobo.MainIndex, mapping.Kobo.ParentIndex, mapping.Kobo.Approval)
                : (mapping.Odk.InstanceId, mapping.Odk.SubmittedAt, mapping.Odk.MainKey, mapping.Odk.ParentKey, mapping.Odk.Approval);
            var missing = main.Missing(instanceColumn, mainLink, mapping.Group.Type, mapping.Group.Participants)
                .Select(c => $"{main.Name}: {c}")
                .Concat(scores.Missing(childLink, mapping.Score.Indicator, mapping.Score.Score).Select(c => $"{scores.Name}: {c}"))
                .ToList();
            if (missing.Count > 0)
            {
                throw new ExportFormatException(text["error.import.columns", string.Join(", ", missing)]);
            }
        }
        catch (Exception ex) when (ex is ExportFormatException or ExportTooLargeException)
        {
            var errors = new FieldErrors();
            errors.Add("file", ex is ExportTooLargeException limit ? text[limit.TextKey, limit.Arguments] : ex.Message);
            return (null, ChangeOutcome.Invalid(errors));
        }

        var indicatorByKey = cycle.Indicators
            .SelectMany(i => new[] { i.LibraryIndicator?.Code, i.NameMn, i.NameEn }.OfType<string>().Select(k => (Key: k, Indicator: i)))
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Indicator, StringComparer.OrdinalIgnoreCase);
        var childrenByParent = scores.Rows.Where(r => r[childLink] is not null).ToLookup(r => r[childLink]!, StringComparer.OrdinalIgnoreCase);
        var known = await db.Set<ImportedSubmission>().AsNoTracking().Where(s => s.CycleId == cycle.Id)
            .ToDictionaryAsync(s => s.InstanceId, s => s.FocusGroupId, ct);
        // The cycle's groups by kind (one of each, but for Other, one per name); the groups of this file join them as they are read.
        var groups = (await db.FocusGroups.AsNoTracking().Where(g => g.CycleId == cycle.Id).Select(g => new { g.Id, g.Type, g.OtherName }).ToListAsync(ct))
            .ToDictionary(g => g.Id, g => GroupKind(g.Type, g.OtherName));
        var kinds = groups.Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var write = new ImportWrite();
        var errors2 = new List<ImportError>();
        int imported = 0, updated = 0, skipped = 0;

        foreach (var row in main.Rows)
        {
            var rowErrors = new List<ImportError>();
            void Fail(ExportTable table, int number, string column, string message) => rowErrors.Add(new ImportError(table.Name, number, column, message));

            var instance = row[instanceColumn];
            if (instance is null) { Fail(main, row.Number, instanceColumn, text["error.import.instance"]); errors2.AddRange(rowErrors); continue; }
            if (approvedOnly && !string.Equals(row[approval.Column], approval.Approved, StringComparison.OrdinalIgnoreCase)) { skipped++; continue; }

            if (!WireEnum<FocusGroupType>.TryParse(row[mapping.Group.Type]?.Replace('_', '-'), out var type))
                Fail(main, row.Number, mapping.Group.Type, text["error.enum.unknown", row[mapping.Group.Type] ?? "", string.Join(", ", WireEnum<FocusGroupType>.All)]);
            var otherName = row[mapping.Group.OtherName];
            if (type == FocusGroupType.Other && otherName is null) Fail(main, row.Number, mapping.Group.OtherName, text["error.scorecard.otherName"]);
            var counts = new Dictionary<string, int>();
            foreach (var column in new[] { mapping.Group.Participants, mapping.Group.Female, mapping.Group.WithDisability, mapping.Group.Youth })
            {
                var value = row[column];
                if (value is null && column != mapping.Group.Participants) { counts[column] = 0; continue; }
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0 || n > 1000)
                    Fail(main, row.Number, column, text["error.import.count", value ?? ""]);
                counts[column] = n;
            }

            var participants = counts.GetValueOrDefault(mapping.Group.Participants);
            foreach (var column in new[] { mapping.Group.Female, mapping.Group.WithDisability, mapping.Group.Youth }.Where(c => counts.GetValueOrDefault(c) > participants))
                Fail(main, row.Number, column, text["error.scorecard.count", participants]);

            var sheet = new List<(CycleIndicator Indicator, int Score, string? Reason, string? Suggestion)>();
            foreach (var child in childrenByParent[row[mainLink] ?? "\0"])
            {
                var key = child[mapping.Score.Indicator];
                if (key is null || !indicatorByKey.TryGetValue(key, out var indicator))
                {
                    Fail(scores, child.Number, mapping.Score.Indicator, text["error.scorecard.unknownIndicator", key ?? "-"]);
                    continue;
                }

                if (sheet.Any(s => s.Indicator == indicator)) Fail(scores, child.Number, mapping.Score.Indicator, text["error.scorecard.indicatorTwice", key]);
                if (!int.TryParse(child[mapping.Score.Score], NumberStyles.Integer, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
                    Fail(scores, child.Number, mapping.Score.Score, text["error.score.range", child[mapping.Score.Score] ?? "-"]);
                sheet.Add((indicator, score, Clip(child[mapping.Score.Reason]), Clip(child[mapping.Score.Suggestion])));
            }

            if (sheet.Count == 0 && rowErrors.Count == 0) Fail(main, row.Number, mainLink, text["error.import.noScores"]);

            // A submission imported before updates its group; one seen earlier in this file is merged into what that row made.
            var groupId = known.TryGetValue(instance, out var earlier) && groups.ContainsKey(earlier) ? earlier : (int?)null;
            var seen = known.ContainsKey(instance) && groupId is null;
            if (groupId is null && !seen && rowErrors.Count == 0 && kinds.Contains(GroupKind(type, otherName)))
                Fail(main, row.Number, mapping.Group.Type, text["error.scorecard.groupTwice", otherName ?? WireEnum<FocusGroupType>.Name(type)]);

            if (rowErrors.Count > 0)
            {
                errors2.AddRange(rowErrors);
                continue;
            }

            var group = new FocusGroup
            {
                Id = groupId ?? 0, CycleId = cycle.Id, Type = type, OtherName = type == FocusGroupType.Other ? otherName : null,
                Participants = participants, Female = counts[mapping.Group.Female], WithDisability = counts[mapping.Group.WithDisability], Youth = counts[mapping.Group.Youth],
                Scores = [.. sheet.Select(s => new GroupScore { CycleIndicatorId = s.Indicator.Id, Score = s.Score, Reason = s.Reason, Suggestion = s.Suggestion })],
            };
            var submission = groupId is null ? new ImportedSubmission
            {
                CycleId = cycle.Id, InstanceId = instance, Source = format, SubmittedAt = row[submittedColumn], ImportedAt = clock.GetUtcNow().UtcDateTime,
            } : null;
            if (write.Set(instance, group, submission) && groupId is null)
            {
                kinds.Add(GroupKind(type, otherName));
                known[instance] = 0;
                imported++;
            }
            else
            {
                updated++;
            }
        }

        if (imported + updated > 0)
        {
            // One transaction: the groups, their scores and the submissions that point at them, with the audit entry.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await write.StoreAsync(db, ct);
            cycle.Version++;
            cycle.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("scorecard.import", "ScorecardCycle", cycle.Id.ToString(CultureInfo.InvariantCulture), null,
                new { format, form, imported, updated, skipped, rejectedRows = errors2.Count });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return (new ImportReport(imported, updated, skipped, errors2), null);
    }

    /// <summary>What makes a group one of a kind in its cycle: its type, and for Other its name.</summary>
    private static string GroupKind(FocusGroupType type, string? otherName) =>
        type == FocusGroupType.Other ? $"other:{otherName}" : WireEnum<FocusGroupType>.Name(type);

    private static string? Clip(string? text) => text is { Length: > 2000 } ? text[..2000] : text;
}
