using Masam.Web.Features.Accounts;
using Masam.Web.Features.Scorecards;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Staff.Scorecards;

[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class IndexModel(Features.Scorecards.ScorecardCycles cards) : PageModel
{
    public PagedList<ScorecardSummary>? Cycles { get; private set; }

    /// <summary>Whether the account may plan a cycle: not a provider's manager, whose part is the self-assessment.</summary>
    public bool MayPlan => cards.RunsCommunitySide && User.IsInRole(StaffRoles.CsoFacilitator) | User.IsInRole(StaffRoles.LocalOfficial);

    public async Task OnGetAsync(int? page, CancellationToken ct) => Cycles = await cards.ListAsync(page is > 0 ? page : 1, 50, ct);
}
