using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Feedback;

/// <summary>Feedback as staff see it: only within their scope, filtered inside the query.</summary>
public static class StaffFeedbackEndpoints
{
    public static RouteGroupBuilder MapStaffFeedbackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/staff/feedback").WithTags("Staff").RequireAuthorization(AccountsSetup.StaffPolicy);

        group.MapGet("/", ListAsync).WithName("ListStaffFeedback")
            .WithSummary("Feedback within the signed-in account's scope, newest first");

        group.MapGet("/{id:long}", GetAsync).WithName("GetStaffFeedback")
            .WithSummary("One feedback item with its answers and internal notes; 404 outside the account's scope");

        return group;
    }

    private static async Task<Results<Ok<PagedList<StaffFeedbackItem>>, ValidationProblem>> ListAsync(
        MasamDbContext db, CurrentStaff staff, IStringLocalizer text, CancellationToken ct,
        int? provider = null, int? page = null, int? pageSize = null)
    {
        if (Paging.Problem(page, pageSize, text) is { } problem)
        {
            return problem;
        }

        var items = InScope(db, staff);
        if (provider is not null)
        {
            items = items.Where(f => f.ProviderId == provider);
        }

        return TypedResults.Ok(await items.OrderByDescending(f => f.ReceivedAt).ThenByDescending(f => f.Id)
            .Select(f => new StaffFeedbackItem(f.Id, f.TrackingCode, f.ProviderId, f.Provider!.NameMn, f.Provider.AdminUnit!.Code,
                f.ServiceLineCode, f.Score, f.Comment, f.Channel, f.Status, f.ReceivedAt, f.IsDemo))
            .ToPageAsync(page, pageSize, ct));
    }

    private static async Task<Results<Ok<StaffFeedbackDetail>, ProblemHttpResult>> GetAsync(
        long id, MasamDbContext db, CurrentStaff staff, IStringLocalizer text, CancellationToken ct)
    {
        // Whoever must answer sees the contact details; analysts, facilitators and admins do not.
        var seesContact = staff.Role is StaffRoles.LocalOfficial or StaffRoles.ProviderManager;
        var item = await InScope(db, staff).Where(f => f.Id == id)
            .Select(f => new StaffFeedbackDetail(
                new StaffFeedbackItem(f.Id, f.TrackingCode, f.ProviderId, f.Provider!.NameMn, f.Provider.AdminUnit!.Code,
                    f.ServiceLineCode, f.Score, f.Comment, f.Channel, f.Status, f.ReceivedAt, f.IsDemo),
                f.Gender, f.AgeBand, f.HasDisability, f.HerderHousehold,
                seesContact && f.Contact != null ? new FeedbackContactDetails { Name = f.Contact.Name, Phone = f.Contact.Phone, Email = f.Contact.Email } : null,
                f.Responses.OrderBy(r => r.CreatedAt).Select(r => new StaffResponse(r.Body, r.IsPublic, r.CreatedAt)).ToList()))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);

        // Out of scope and absent look the same, so that ids outside cannot be probed.
        return item is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.feedback.unknown", id])
            : TypedResults.Ok(item);
    }

    private static IQueryable<FeedbackItem> InScope(MasamDbContext db, CurrentStaff staff) =>
        db.Feedback.AsNoTracking().Where(staff.Scope.Filter<FeedbackItem>(f => f.ProviderId, f => f.Provider!.AdminUnit!.Path));
}

public sealed record StaffFeedbackItem(
    long Id, string TrackingCode, int ProviderId, string ProviderName, string AdminUnitCode, string? ServiceLine,
    int Score, string? Comment, FeedbackChannel Channel, FeedbackStatus Status, DateTime ReceivedAt, bool IsDemo);

public sealed record StaffFeedbackDetail(
    StaffFeedbackItem Feedback, Gender? Gender, AgeBand? AgeBand, bool? HasDisability, bool? HerderHousehold,
    FeedbackContactDetails? Contact, IReadOnlyList<StaffResponse> Responses);

public sealed record StaffResponse(string Body, bool IsPublic, DateTime CreatedAt);
