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
        var group = app.MapGroup("/api/v1/staff/feedback").WithTags("Staff").RequireAuthorization(AccountsFeature.StaffPolicy);

        group.MapGet("/", ListAsync).WithName("ListStaffFeedback")
            .WithSummary("The inbox: feedback within the account's scope, filtered and sorted, with counts per status");

        group.MapGet("/{id:long}", GetAsync).WithName("GetStaffFeedback")
            .WithSummary("One feedback item with its answers and internal notes; 404 outside the account's scope");

        group.MapPost("/{id:long}/status", (long id, JsonBody<ChangeStatusRequest> body, HttpContext context, FeedbackReview review, CancellationToken ct) =>
                ChangeAsync(id, context, review.ChangeStatusAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<ChangeStatusRequest>().RequireAuthorization(AccountsFeature.ResponderPolicy)
            .WithName("ChangeFeedbackStatus").WithSummary("Acknowledge, start, close or reject (with a reason) a feedback item");

        group.MapPost("/{id:long}/responses", (long id, JsonBody<AddResponseRequest> body, HttpContext context, FeedbackReview review, CancellationToken ct) =>
                ChangeAsync(id, context, review.AddResponseAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<AddResponseRequest>().RequireAuthorization(AccountsFeature.ResponderPolicy)
            .WithName("AddFeedbackResponse").WithSummary("Answer publicly (the citizen sees it) or add an internal note");

        group.MapPost("/{id:long}/extension", (long id, JsonBody<ExtendDeadlineRequest> body, HttpContext context, FeedbackReview review, CancellationToken ct) =>
                ChangeAsync(id, context, review.ExtendAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<ExtendDeadlineRequest>().RequireAuthorization(AccountsFeature.ResponderPolicy)
            .WithName("ExtendFeedbackDeadline").WithSummary("Extend the answer deadline once, by up to 30 days, with a reason the citizen sees");

        return group;
    }

    private static Task<Results<Ok<StaffFeedbackDetail>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        long id, HttpContext context, Task<ChangeOutcome> change, CancellationToken ct) =>
        ChangeEndpoint.RunAsync(context, change, c => context.RequestServices.GetRequiredService<FeedbackInbox>().FindAsync(id, c), "error.feedback.unknown", id, ct);

    private static async Task<Results<Ok<StaffInbox>, ValidationProblem>> ListAsync(
        FeedbackInbox inbox, IStringLocalizer text, CancellationToken ct,
        int? provider = null, string? serviceLine = null, string? status = null, int? score = null,
        DateOnly? from = null, DateOnly? to = null, bool? overdue = null, string? sort = null, int? page = null, int? pageSize = null)
    {
        var (result, errors) = await inbox.QueryAsync(new InboxFilter(provider, serviceLine, status, score, from, to, overdue, sort, page, pageSize), ct);
        return result is null
            ? errors.ToProblem(text)
            : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<StaffFeedbackDetail>, ProblemHttpResult>> GetAsync(
        long id, FeedbackInbox inbox, IStringLocalizer text, CancellationToken ct) =>
        await inbox.FindAsync(id, ct) is { } item ? TypedResults.Ok(item) : NotFound(text, id);

    // Out of scope and absent look the same, so that ids outside cannot be probed.
    private static ProblemHttpResult NotFound(IStringLocalizer text, long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.feedback.unknown", id]);
}

public sealed record StaffInbox(IReadOnlyList<StaffFeedbackItem> Items, int Total, int Page, int PageSize, IReadOnlyDictionary<string, int> CountsByStatus);

/// <param name="TrackingCode">Its first group only, <c>K7QM-…</c>: enough to find a caller's item, not to act as the citizen.</param>
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
    FeedbackContactDetails? Contact, IReadOnlyList<StaffResponse> Responses, DateTime? ReopenedAt = null, string? ReopenReason = null);

public sealed record StaffResponse(string Body, bool IsPublic, DateTime CreatedAt);
