using System.Linq.Expressions;
using Masam.Web.Features.Accounts;

namespace Masam.Web.Features.Feedback;

public static class FeedbackScope
{
    /// <summary>
    /// The feedback a staff scope covers, matched on the aimag stored with each item (indexed with the
    /// time of receipt) before the provider's unit path, so that an aimag's inbox or feed does not
    /// read the country's.
    /// </summary>
    public static Expression<Func<FeedbackItem, bool>> Feedback(this StaffScope scope) =>
        scope.Filter<FeedbackItem>(f => f.ProviderId, f => f.Provider!.AdminUnit!.Path, f => f.AimagCode);
}
