using Masam.Web.Features.Accounts;
using Masam.Web.Features.Scorecards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Staff.Scorecards;

/// <summary>A cycle's results: each group's score side by side, the community score, the self-score and the gap.</summary>
[Authorize(Policy = AccountsSetup.StaffPolicy)]
public sealed class ResultsModel(Features.Scorecards.Scorecards cards) : PageModel
{
    public ScorecardResults? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        (Results = await cards.ResultsAsync(id, ct)) is null ? NotFound() : Page();
}
