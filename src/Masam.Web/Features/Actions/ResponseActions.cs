using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Actions;

/// <summary>
/// Creating, editing and following response actions. The responsible party and every linked
/// feedback item must lie within the account's scope; edits name the version they were made
/// against; every change is audited.
/// </summary>
public sealed class ResponseActions(MasamDbContext db, CurrentStaff staff, VersionedChange change, CitizenNotices notices, TimeProvider clock, IStringLocalizer text)
{
    private const int MaxLinks = 10;

    public IQueryable<ResponseAction> InScope() =>
        db.ResponseActions.Where(staff.Scope.Filter<ResponseAction>(a => a.ResponsibleProviderId ?? -1, a => a.AdminUnit!.Path));

    public async Task<ActionView?> FindAsync(int id, CancellationToken ct) =>
        (await ViewsAsync(InScope().Where(a => a.Id == id), ct)).FirstOrDefault();

    /// <summary>The actions in scope that answer one feedback item, in one query.</summary>
    public Task<List<ActionView>> ForFeedbackAsync(long feedbackId, CancellationToken ct) =>
        ViewsAsync(InScope().Where(a => a.Feedback.Any(f => f.Id == feedbackId)).OrderBy(a => a.DueOn), ct);

    private async Task<List<ActionView>> ViewsAsync(IQueryable<ResponseAction> actions, CancellationToken ct)
    {
        var today = ActionRules.Today(clock);
        return [.. (await actions.AsNoTracking().Select(ActionView.Projection).AsSplitQuery().ToListAsync(ct)).Select(v => v with { Today = today })];
    }

    public async Task<ChangeOutcome> CreateAsync(CreateActionRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var action = new ResponseAction { Title = "", Status = ActionStatus.Planned, CreatedAt = Now, UpdatedAt = Now, ScorecardCycleId = request.ScorecardCycleId };
        ApplyDetails(action, request.Title, request.Description, request.DueOn, request.CostMnt, request.FundingSource, errors);

        if ((request.ResponsibleProviderId is null) == string.IsNullOrWhiteSpace(request.ResponsibleAdminUnit))
        {
            errors.Add("responsible", text["error.action.responsible"]);
        }
        else if (request.ResponsibleProviderId is { } providerId)
        {
            var provider = await db.Providers.Where(p => p.Id == providerId)
                .Select(p => new { p.AdminUnitId, p.AdminUnit!.Path }).FirstOrDefaultAsync(ct);
            if (provider is null || !staff.Scope.Covers(provider.Path, providerId))
                errors.Add("responsibleProviderId", text["error.action.outOfScope", providerId]);
            else
                (action.ResponsibleProviderId, action.AdminUnitId) = (providerId, provider.AdminUnitId);
        }
        else
        {
            var unit = await db.AdminUnits.Where(u => u.Code == request.ResponsibleAdminUnit!.Trim())
                .Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct);
            if (unit is null || !staff.Scope.Covers(unit.Path))
                errors.Add("responsibleAdminUnit", text["error.action.outOfScope", request.ResponsibleAdminUnit!]);
            else
                (action.ResponsibleAdminUnitId, action.AdminUnitId) = (unit.Id, unit.Id);
        }

        await LinkAsync(action, request.FeedbackIds, errors, ct);
        if (errors.Any)
        {
            return ChangeOutcome.Invalid(errors);
        }

        return await change.CreateAsync(action, "action.create", "ResponseAction", a => a.Id, Snapshot, ct);
    }

    public Task<ChangeOutcome> EditAsync(int id, EditActionRequest request, CancellationToken ct) =>
        ChangeAsync(id, request.Version, "action.edit", (action, errors) =>
        {
            if (!ActionRules.IsOpen(action.Status))
            {
                return Task.FromResult<string?>(text["error.action.finished"]);
            }

            ApplyDetails(action, request.Title, request.Description, request.DueOn, request.CostMnt, request.FundingSource, errors);
            return Task.FromResult<string?>(null);
        }, ct);

    public Task<ChangeOutcome> ProgressAsync(int id, ActionProgressRequest request, CancellationToken ct) =>
        ChangeAsync(id, request.Version, "action.progress", async (action, errors) =>
        {
            var body = UserText.Clean(request.Text);
            if (body is null || body.Length > ActionRules.TextLength) errors.Add("text", text["error.review.body", ActionRules.TextLength]);
            if (request.ProgressPercent is not null and not (>= 0 and <= 100)) errors.Add("progressPercent", text["error.action.progress"]);
            var links = request.Links ?? [];
            if (links.Count > MaxLinks) errors.Add("links", text["error.action.links", MaxLinks]);
            foreach (var link in links.Where(l => !IsWebLink(l)))
            {
                errors.Add("links", text["error.action.link", link]);
            }

            ActionStatus? target = null;
            if (!string.IsNullOrEmpty(request.Status))
            {
                if (WireEnum<ActionStatus>.TryParse(request.Status, out var s)) target = s;
                else errors.Add("status", text["error.enum.unknown", request.Status, string.Join(", ", WireEnum<ActionStatus>.All)]);
            }

            var dropReason = UserText.Clean(request.DropReason);
            if (target == ActionStatus.Dropped && dropReason is null) errors.Add("dropReason", text["error.action.dropReason"]);
            else if (dropReason?.Length > ActionRules.ReasonLength) errors.Add("dropReason", text["error.review.body", ActionRules.ReasonLength]);
            if (errors.Any)
            {
                return null;
            }

            if (!ActionRules.IsOpen(action.Status))
            {
                return text["error.action.finished"];
            }

            if (target is { } to && to != action.Status && !ActionRules.CanMove(action.Status, to))
            {
                return text["error.review.transition", WireEnum<ActionStatus>.Name(action.Status), WireEnum<ActionStatus>.Name(to), "in-progress, done, dropped"];
            }

            // Any reported progress on a planned action means work has started.
            var before = action.Status;
            action.Status = target ?? (action.Status == ActionStatus.Planned ? ActionStatus.InProgress : action.Status);
            if (action.Status != before)
            {
                // Citizens who asked to be told of the feedback this action answers hear that it moved.
                await db.Entry(action).Collection(a => a.Feedback).LoadAsync(ct);
                foreach (var item in action.Feedback)
                {
                    await notices.QueueAsync(item, CitizenNotice.ActionMoved, action.Title, WireEnum<ActionStatus>.Name(action.Status), ct);
                }
            }
            if (request.ProgressPercent is { } percent)
            {
                action.ProgressPercent = percent;
            }

            if (action.Status == ActionStatus.Done)
            {
                action.ProgressPercent = 100;
                action.CompletedAt = Now;
            }

            if (action.Status == ActionStatus.Dropped)
            {
                action.DropReason = dropReason;
                action.CompletedAt = Now;
            }

            action.Updates.Add(new ActionUpdate
            {
                At = Now, AuthorName = staff.DisplayName, Text = body!, Links = links.Count == 0 ? null : string.Join('\n', links.Select(l => l.Trim())),
                ProgressPercent = request.ProgressPercent, Status = target,
            });
            return null;
        }, ct);

    public Task<ChangeOutcome> LinkFeedbackAsync(int id, LinkFeedbackRequest request, CancellationToken ct) =>
        ChangeAsync(id, request.Version, "action.link", async (action, errors) =>
        {
            await db.Entry(action).Collection(a => a.Feedback).LoadAsync(ct);
            await LinkAsync(action, request.FeedbackIds, errors, ct);
            if (request.FeedbackIds is not { Count: > 0 }) errors.Add("feedbackIds", text["error.required"]);
            return null;
        }, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void ApplyDetails(ResponseAction action, string? title, string? description, DateOnly? dueOn, decimal? cost, string? funding, FieldErrors errors)
    {
        var cleanTitle = UserText.Clean(title);
        if (cleanTitle is null || cleanTitle.Length > ActionRules.TitleLength) errors.Add("title", text["error.action.title"]);
        else action.Title = cleanTitle;

        var cleanDescription = UserText.Clean(description);
        if (cleanDescription?.Length > ActionRules.TextLength) errors.Add("description", text["error.review.body", ActionRules.TextLength]);
        else action.Description = cleanDescription;

        if (dueOn is null) errors.Add("dueOn", text["error.action.dueOn"]);
        else if (dueOn != action.DueOn && dueOn < ActionRules.Today(clock)) errors.Add("dueOn", text["error.action.dueInPast"]);
        else action.DueOn = dueOn.Value;

        if (cost is < 0 or > 1_000_000_000_000m) errors.Add("costMnt", text["error.action.cost"]);
        else action.CostMnt = cost is null ? null : decimal.Round(cost.Value, 2);

        var cleanFunding = UserText.Clean(funding);
        if (cleanFunding?.Length > ActionRules.FundingSourceLength) errors.Add("fundingSource", text["error.review.body", ActionRules.FundingSourceLength]);
        else action.FundingSource = cleanFunding;
    }

    /// <summary>Links feedback items in the account's scope; one outside it is named like one that does not exist.</summary>
    private async Task LinkAsync(ResponseAction action, IReadOnlyList<long>? ids, FieldErrors errors, CancellationToken ct)
    {
        if (ids is not { Count: > 0 })
        {
            return;
        }

        var wanted = ids.Distinct().ToList();
        var found = await db.Feedback.Where(staff.Scope.Feedback())
            .Where(f => wanted.Contains(f.Id)).ToListAsync(ct);
        foreach (var missing in wanted.Except(found.Select(f => f.Id)))
        {
            errors.Add("feedbackIds", text["error.feedback.unknown", missing]);
        }

        foreach (var item in found.Where(f => action.Feedback.All(existing => existing.Id != f.Id)))
        {
            action.Feedback.Add(item);
        }
    }

    private Task<ChangeOutcome> ChangeAsync(int id, int? version, string auditAction,
        Func<ResponseAction, FieldErrors, Task<string?>> apply, CancellationToken ct) =>
        change.RunAsync(InScope().Where(a => a.Id == id), version, auditAction, "ResponseAction", Id,
            a => Snapshot(a) with { Update = a.Updates.LastOrDefault()?.Text }, apply, ct);

    private static bool IsWebLink(string link) =>
        link.Length <= 500 && Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string Id(ResponseAction action) => action.Id.ToString(CultureInfo.InvariantCulture);

    private static ActionSnapshot Snapshot(ResponseAction a) => new(a.Title, a.Description, a.ResponsibleProviderId, a.ResponsibleAdminUnitId,
        a.DueOn, a.CostMnt, a.FundingSource, WireEnum<ActionStatus>.Name(a.Status), a.DropReason, a.ProgressPercent,
        [.. a.Feedback.Select(f => f.Id).Order()], a.Version, null);

    private sealed record ActionSnapshot(string Title, string? Description, int? ResponsibleProviderId, int? ResponsibleAdminUnitId,
        DateOnly DueOn, decimal? CostMnt, string? FundingSource, string Status, string? DropReason, int ProgressPercent,
        long[] FeedbackIds, int Version, string? Update);
}
