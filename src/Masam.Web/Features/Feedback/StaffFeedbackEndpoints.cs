using System.Text.Json.Serialization;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Feedback;

/// <summary>The staff inbox and the answer flow: only within the account's scope, filtered inside the query.</summary>
public static class StaffFeedbackEndpoints
{
    public static RouteGroupBuilder MapStaffFeedbackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/staff/feedback").WithTags("Staff").RequireAuthorization(AccountsSetup.StaffPolicy);

        group.MapGet("/", ListAsync).WithName("ListStaffFeedback")
            .WithSummary("The inbox: feedback within the account's scope, filtered and sorted, with counts per status");

        group.MapGet("/{id:long}", GetAsync).WithName("GetStaffFeedback")
            .WithSummary("One feedback item with its answers and internal notes; 404 outside the account's scope");

        group.MapPost("/{id:long}/status", (long id, HttpContext context, FeedbackReview review, CancellationToken ct) =>
                ChangeAsync<ChangeStatusRequest>(id, context, (r, c) => review.ChangeStatusAsync(id, r, c), ct))
            .RequireAuthorization(AccountsSetup.ResponderPolicy)
            .WithName("ChangeFeedbackStatus").WithSummary("Acknowledge, start, close or reject (with a reason) a feedback item");

        group.MapPost("/{id:long}/responses", (long id, HttpContext context, FeedbackReview review, CancellationToken ct) =>
                ChangeAsync<AddResponseRequest>(id, context, (r, c) => review.AddResponseAsync(id, r, c), ct))
            .RequireAuthorization(AccountsSetup.ResponderPolicy)
            .WithName("AddFeedbackResponse").WithSummary("Answer publicly (the citizen sees it) or add an internal note");

        group.MapPost("/{id:long}/extension", (long id, HttpContext context, FeedbackReview review, CancellationToken ct) =>
                ChangeAsync<ExtendDeadlineRequest>(id, context, (r, c) => review.ExtendAsync(id, r, c), ct))
            .RequireAuthorization(AccountsSetup.ResponderPolicy)
            .WithName("ExtendFeedbackDeadline").WithSummary("Extend the answer deadline once, by up to 30 days, with a reason the citizen sees");

        return group;
    }

    private static async Task<Results<Ok<StaffFeedbackDetail>, ValidationProblem, ProblemHttpResult>> ChangeAsync<TRequest>(
        long id, HttpContext context, Func<TRequest, CancellationToken, Task<ChangeOutcome>> change, CancellationToken ct)
        where TRequest : class
    {
        var services = context.RequestServices;
        var text = services.GetRequiredService<IStringLocalizer>();
        var (request, problem) = await services.GetRequiredService<JsonRequestBody>().ReadAsync<TRequest>(context.Request, 16 * 1024, ct);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await change(request!, ct);
        return await outcome.ToHttpResultAsync(
            () => FindAsync(services.GetRequiredService<MasamDbContext>(), services.GetRequiredService<CurrentStaff>(), services.GetRequiredService<TimeProvider>(), id, ct),
            text, text["error.feedback.unknown", id]);
    }

    private static async Task<Results<Ok<StaffInbox>, ValidationProblem>> ListAsync(
        MasamDbContext db, CurrentStaff staff, TimeProvider clock, IStringLocalizer text, CancellationToken ct,
        int? provider = null, string? serviceLine = null, string? status = null, int? score = null,
        DateOnly? from = null, DateOnly? to = null, bool? overdue = null, string? sort = null, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        FeedbackStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (WireEnum<FeedbackStatus>.TryParse(status, out var s)) wanted = s;
            else errors.Add("status", text["error.enum.unknown", status, string.Join(", ", WireEnum<FeedbackStatus>.All)]);
        }

        if (score is not null and not (>= 1 and <= 5)) errors.Add("score", text["error.score.range", score]);
        if (sort is not null && !Sorts.ContainsKey(sort)) errors.Add("sort", text["error.enum.unknown", sort, string.Join(", ", Sorts.Keys)]);
        if (Paging.Check(page, pageSize) is { } pagingField) errors.Add(pagingField, text["error.paging", Paging.MaxPageSize]);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: text["problem.validation.title"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var items = InScope(db, staff);
        if (provider is not null) items = items.Where(f => f.ProviderId == provider);
        if (!string.IsNullOrEmpty(serviceLine)) items = items.Where(f => f.ServiceLineCode == serviceLine);
        if (score is not null) items = items.Where(f => f.Score == score);
        if (from is not null) { var start = MongolianTime.ToUtc(from.Value.ToDateTime(TimeOnly.MinValue)); items = items.Where(f => f.ReceivedAt >= start); }
        if (to is not null) { var end = MongolianTime.ToUtc(to.Value.AddDays(1).ToDateTime(TimeOnly.MinValue)); items = items.Where(f => f.ReceivedAt < end); }
        if (overdue is not null) items = items.Where(AnswerDeadline.OverdueAt(now, overdue.Value));

        // Counts per status for the same filters, whatever status is being shown.
        var counts = await items.GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        if (wanted is not null) items = items.Where(f => f.Status == wanted);

        var page1 = await Sorts[sort ?? "-received"](items).Select(Row(now)).ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(new StaffInbox(page1.Items, page1.Total, page1.Page, page1.PageSize,
            WireEnum<FeedbackStatus>.All.ToDictionary(n => n, n => counts.FirstOrDefault(c => WireEnum<FeedbackStatus>.Name(c.Key) == n)?.Count ?? 0)));
    }

    private static readonly Dictionary<string, Func<IQueryable<FeedbackItem>, IQueryable<FeedbackItem>>> Sorts = new()
    {
        ["received"] = q => q.OrderBy(f => f.ReceivedAt).ThenBy(f => f.Id),
        ["-received"] = q => q.OrderByDescending(f => f.ReceivedAt).ThenByDescending(f => f.Id),
        ["due"] = q => q.OrderBy(f => f.DueAt).ThenBy(f => f.Id),
        ["-due"] = q => q.OrderByDescending(f => f.DueAt).ThenByDescending(f => f.Id),
        ["score"] = q => q.OrderBy(f => f.Score).ThenByDescending(f => f.ReceivedAt),
        ["-score"] = q => q.OrderByDescending(f => f.Score).ThenByDescending(f => f.ReceivedAt),
    };

    private static async Task<Results<Ok<StaffFeedbackDetail>, ProblemHttpResult>> GetAsync(
        long id, MasamDbContext db, CurrentStaff staff, TimeProvider clock, IStringLocalizer text, CancellationToken ct) =>
        await FindAsync(db, staff, clock, id, ct) is { } item ? TypedResults.Ok(item) : NotFound(text, id);

    private static Task<StaffFeedbackDetail?> FindAsync(MasamDbContext db, CurrentStaff staff, TimeProvider clock, long id, CancellationToken ct)
    {
        // Whoever must answer sees the contact details; analysts, facilitators and admins do not.
        var seesContact = staff.Role is StaffRoles.LocalOfficial or StaffRoles.ProviderManager;
        var now = clock.GetUtcNow().UtcDateTime;
        return InScope(db, staff).Where(f => f.Id == id)
            .Select(f => new StaffFeedbackDetail(
                new StaffFeedbackItem(f.Id, f.TrackingCode, f.ProviderId, f.Provider!.NameMn, f.Provider.AdminUnit!.Code,
                    f.ServiceLineCode, f.Score, f.Comment, f.Channel, f.Status, f.ReceivedAt, f.DueAt, f.Version, f.IsDemo, now),
                f.Gender, f.AgeBand, f.HasDisability, f.HerderHousehold,
                f.ExtensionReason, f.RejectionReason, f.DuplicateOfId, f.AnswerRating,
                seesContact && f.Contact != null ? new FeedbackContactDetails { Name = f.Contact.Name, Phone = f.Contact.Phone, Email = f.Contact.Email } : null,
                f.Responses.OrderBy(r => r.CreatedAt).Select(r => new StaffResponse(r.Body, r.IsPublic, r.CreatedAt)).ToList()))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
    }

    private static System.Linq.Expressions.Expression<Func<FeedbackItem, StaffFeedbackItem>> Row(DateTime now) => f =>
        new StaffFeedbackItem(f.Id, f.TrackingCode, f.ProviderId, f.Provider!.NameMn, f.Provider.AdminUnit!.Code,
            f.ServiceLineCode, f.Score, f.Comment, f.Channel, f.Status, f.ReceivedAt, f.DueAt, f.Version, f.IsDemo, now);

    // Out of scope and absent look the same, so that ids outside cannot be probed.
    private static ProblemHttpResult NotFound(IStringLocalizer text, long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.feedback.unknown", id]);

    private static IQueryable<FeedbackItem> InScope(MasamDbContext db, CurrentStaff staff) =>
        db.Feedback.AsNoTracking().Where(staff.Scope.Filter<FeedbackItem>(f => f.ProviderId, f => f.Provider!.AdminUnit!.Path));
}

public sealed record StaffInbox(IReadOnlyList<StaffFeedbackItem> Items, int Total, int Page, int PageSize, IReadOnlyDictionary<string, int> CountsByStatus);

public sealed record StaffFeedbackItem(
    long Id, string TrackingCode, int ProviderId, string ProviderName, string AdminUnitCode, string? ServiceLine,
    int Score, string? Comment, FeedbackChannel Channel, FeedbackStatus Status, DateTime ReceivedAt, DateTime DueAt,
    int Version, bool IsDemo, [property: JsonIgnore] DateTime AsOf)
{
    public bool Overdue => AnswerDeadline.IsOverdue(Status, DueAt, AsOf);
}

public sealed record StaffFeedbackDetail(
    StaffFeedbackItem Feedback, Gender? Gender, AgeBand? AgeBand, bool? HasDisability, bool? HerderHousehold,
    string? ExtensionReason, RejectionReason? RejectionReason, long? DuplicateOf, int? AnswerRating,
    FeedbackContactDetails? Contact, IReadOnlyList<StaffResponse> Responses);

public sealed record StaffResponse(string Body, bool IsPublic, DateTime CreatedAt);
