using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Scorecards;

/// <summary>The cycle's meetings and their record: input tracking, the interface meeting, and the joint action plan.</summary>
public sealed partial class ScorecardCycles
{
    /// <summary>Replaces the input tracking lines ("entitled / actual / remark").</summary>
    public Task<ChangeOutcome> SetInputTrackingAsync(int cycleId, InputTrackingRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.input-tracking", async (cycle, errors) =>
        {
            if (cycle.Stage is not (ScorecardStage.Planned or ScorecardStage.InputTracking))
            {
                return text["error.scorecard.stageFor", Stage(cycle.Stage)];
            }

            var lines = new List<InputTrackingLine>();
            foreach (var (row, i) in (request.Lines ?? []).Select((r, i) => (r, i)))
            {
                var item = UserText.Clean(row.Item);
                var entitled = UserText.Clean(row.Entitled);
                var actual = UserText.Clean(row.Actual);
                var remark = UserText.Clean(row.Remark);
                if (item is null || entitled is null || actual is null || new[] { item, entitled, actual }.Any(t => t.Length > ScorecardLimits.NameLength)
                    || remark?.Length > ScorecardLimits.ReasonLength)
                {
                    errors.Add($"lines[{i}]", text["error.scorecard.inputLine"]);
                    continue;
                }

                lines.Add(new InputTrackingLine { Item = item, Entitled = entitled, Actual = actual, Remark = remark });
            }

            await db.Entry(cycle).Collection(c => c.InputTracking).LoadAsync(ct);
            if (!errors.Any)
            {
                cycle.InputTracking.Clear();
                cycle.InputTracking.AddRange(lines);
            }

            return null;
        }, ct);

    public Task<ChangeOutcome> RecordInterfaceMeetingAsync(int cycleId, InterfaceMeetingRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.interface-meeting", (cycle, errors) =>
        {
            if (cycle.Stage != ScorecardStage.InterfaceMeeting)
            {
                return Task.FromResult<string?>(text["error.scorecard.stageFor", Stage(cycle.Stage)]);
            }

            if (request.HeldOn is null || request.HeldOn < cycle.PeriodStart) errors.Add("heldOn", text["error.scorecard.meetingDate"]);
            if (request.Attendance is not (>= 1 and <= ScorecardLimits.MaxAttendance)) errors.Add("attendance", text["error.scorecard.participants"]);
            var notes = UserText.Clean(request.Notes);
            if (notes?.Length > ScorecardLimits.NotesLength) errors.Add("notes", text["error.review.body", ScorecardLimits.NotesLength]);
            (cycle.InterfaceMeetingOn, cycle.InterfaceAttendance, cycle.InterfaceNotes) = (request.HeldOn, request.Attendance, notes);
            return Task.FromResult<string?>(null);
        }, ct, managerMay: true);

    /// <summary>The joint action plan: every item becomes a tracked response action, all or none.</summary>
    public async Task<ChangeOutcome> AgreeActionPlanAsync(int cycleId, ActionPlanRequest request, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await ChangeAsync(cycleId, request.Version, "scorecard.action-plan", async (cycle, errors) =>
        {
            if (cycle.Stage != ScorecardStage.ActionPlanAgreed)
            {
                return text["error.scorecard.stageFor", Stage(cycle.Stage)];
            }

            if (request.Items is not { Count: > 0 })
            {
                errors.Add("items", text["error.required"]);
                return null;
            }

            foreach (var (item, i) in request.Items.Select((item, i) => (item, i)))
            {
                var created = await actions.CreateAsync(item with
                {
                    ScorecardCycleId = cycle.Id,
                    ResponsibleProviderId = item.ResponsibleProviderId ?? (item.ResponsibleAdminUnit is null ? cycle.ProviderId : null),
                }, ct);
                foreach (var (field, message) in created.Errors?.All ?? [])
                {
                    errors.Add($"items[{i}].{field}", message);
                }
            }

            return null;
        }, ct);

        if (outcome.Result == ChangeResult.Done)
        {
            await transaction.CommitAsync(ct);
        }

        return outcome;
    }
}
