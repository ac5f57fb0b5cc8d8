using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Reminders;

public static class ReminderEndpoints
{
    public static RouteGroupBuilder MapRemindersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Administration").RequireAuthorization(AccountsFeature.AdminPolicy);

        group.MapGet("/outbox", ListAsync).WithName("ListOutbox").WithSummary("Reminders queued for sending, newest first, with their delivery state");

        group.MapPost("/jobs/overdue-check", async (OverdueCheck check, CancellationToken ct) =>
                TypedResults.Ok(new { flagged = await check.ExecuteAsync(ct) }))
            .WithName("RunOverdueCheck").WithSummary("Run the overdue check now (it also runs daily)");

        return group;
    }

    private static async Task<Results<Ok<PagedList<OutboxEntry>>, ValidationProblem>> ListAsync(
        MasamDbContext db, IStringLocalizer text, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        if (Paging.Problem(page, pageSize, text) is { } problem)
        {
            return problem;
        }

        var messages = await db.Outbox.AsNoTracking().OrderByDescending(m => m.Id).ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(new PagedList<OutboxEntry>([.. messages.Items.Select(OutboxEntry.Of)], messages.Total, messages.Page, messages.PageSize));
    }
}
