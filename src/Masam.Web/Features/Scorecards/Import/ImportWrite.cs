using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Scorecards.Import;

/// <summary>
/// The groups an import stores, written through prepared inserts (COPY on PostgreSQL) rather than
/// tracked entities, in the caller's transaction: new groups with their scores and the submissions
/// that point at them, and the groups of submissions imported before, whose counts are set again
/// and whose scores are replaced, indicator by indicator (an indicator the export leaves out keeps
/// its score). A submission twice in one export is stored once, as its last row says.
/// </summary>
internal sealed class ImportWrite
{
    private readonly Dictionary<string, (FocusGroup Group, ImportedSubmission? Submission)> _groups = new(StringComparer.Ordinal);

    /// <summary>Sets a group from one submission; false when the export gave the same submission before (its scores are merged, the later row winning).</summary>
    public bool Set(string instance, FocusGroup group, ImportedSubmission? submission)
    {
        if (!_groups.TryGetValue(instance, out var earlier))
        {
            _groups[instance] = (group, submission);
            return true;
        }

        var stored = earlier.Group;
        (stored.Participants, stored.Female, stored.WithDisability, stored.Youth) = (group.Participants, group.Female, group.WithDisability, group.Youth);
        stored.Scores = [.. stored.Scores.ExceptBy(group.Scores.Select(s => s.CycleIndicatorId), s => s.CycleIndicatorId).Concat(group.Scores)];
        return false;
    }

    public async Task StoreAsync(MasamDbContext db, CancellationToken ct)
    {
        var fresh = _groups.Values.Where(g => g.Submission is not null).ToList();
        var updated = _groups.Values.Where(g => g.Submission is null).Select(g => g.Group).ToList();

        // Groups one by one, to read each one's id back; their scores and submissions all at once.
        await TableInserter<FocusGroup>.InsertAllAsync(db, fresh.Select(n => n.Group), ct);
        foreach (var (group, submission) in fresh)
        {
            submission!.FocusGroupId = group.Id;
        }

        foreach (var group in updated)
        {
            await db.FocusGroups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Participants, group.Participants).SetProperty(g => g.Female, group.Female)
                .SetProperty(g => g.WithDisability, group.WithDisability).SetProperty(g => g.Youth, group.Youth), ct);
            var indicators = group.Scores.Select(s => s.CycleIndicatorId).ToList();
            await db.Set<GroupScore>().Where(s => s.FocusGroupId == group.Id && indicators.Contains(s.CycleIndicatorId)).ExecuteDeleteAsync(ct);
        }

        await TableInserter<GroupScore>.InsertAllAsync(db, fresh.Select(n => n.Group).Concat(updated).SelectMany(g => g.Scores.Select(s =>
        {
            s.FocusGroupId = g.Id;
            return s;
        })), ct);
        await TableInserter<ImportedSubmission>.InsertAllAsync(db, fresh.Select(n => n.Submission!), ct);
    }
}
