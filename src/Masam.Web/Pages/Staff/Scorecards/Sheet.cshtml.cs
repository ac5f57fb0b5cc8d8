using Masam.Web.Features.Accounts;
using Masam.Web.Features.Scorecards;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Staff.Scorecards;

/// <summary>
/// One focus group's score sheet as a grid: indicators down, score, reason and suggestion across,
/// in tab order, so that a facilitator copies a paper sheet without touching the mouse. Checked on
/// the server as a whole: a sheet with a bad row stores nothing and marks the row.
/// </summary>
[Authorize(Policy = ScorecardsFeature.EditorPolicy)]
public sealed class SheetModel(Features.Scorecards.ScorecardCycles cards) : Shared.ChangePageModel
{
    public ScorecardResults? Results { get; private set; }
    public GroupSummary? Group { get; private set; }
    [BindProperty] public List<ScoreRow> Rows { get; set; } = [];

    /// <summary>True on <c>/staff/scorecards/{id}/self</c>: the provider's self-assessment instead of a group's sheet.</summary>
    public bool IsSelf { get; private set; }

    /// <summary>A row's message stands beside its score: the summary links there.</summary>
    public string AnchorFor(string field) =>
        field.EndsWith(".indicatorId", StringComparison.Ordinal) || field.EndsWith(".reason", StringComparison.Ordinal)
            ? Shared.IFormPage.FieldId(field[..field.LastIndexOf('.')] + ".score")
            : Shared.IFormPage.FieldId(field);

    public async Task<IActionResult> OnGetAsync(int id, int? groupId, CancellationToken ct) =>
        groupId is not null && !cards.RunsCommunitySide ? Forbid() : await LoadAsync(id, groupId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, int? groupId, int version, CancellationToken ct)
    {
        var request = new EnterScoresRequest
        {
            Rows = [.. Rows.Where(r => r.Score is not null || !string.IsNullOrWhiteSpace(r.Reason) || !string.IsNullOrWhiteSpace(r.Suggestion))],
            Version = version,
        };
        var outcome = groupId is { } group
            ? await cards.EnterGroupScoresAsync(id, group, request, ct)
            : await cards.EnterSelfScoresAsync(id, request, ct);
        return await AfterChangeAsync(outcome, $"/staff/scorecards/{id}", () => LoadAsync(id, groupId, ct, keepRows: true));
    }

    private async Task<bool> LoadAsync(int id, int? groupId, CancellationToken ct, bool keepRows = false)
    {
        Results = await cards.ResultsAsync(id, ct);
        IsSelf = groupId is null;
        Group = Results?.Groups.FirstOrDefault(g => g.Id == groupId);
        if (Results is null || (!IsSelf && Group is null))
        {
            return false;
        }

        if (!keepRows)
        {
            Rows = [.. Results.Indicators.Select(i => IsSelf
                ? new ScoreRow(i.IndicatorId, i.SelfScore, null, null)
                : i.GroupScores.FirstOrDefault(s => s.GroupId == groupId) is { } s
                    ? new ScoreRow(i.IndicatorId, s.Score, s.Reason, s.Suggestion)
                    : new ScoreRow(i.IndicatorId, null, null, null))];
        }

        return true;
    }
}
