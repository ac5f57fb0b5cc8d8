using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Actions;

public static class ActionEndpoints
{
    public static RouteGroupBuilder MapActionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/staff/actions").WithTags("Staff").RequireAuthorization(AccountsFeature.StaffPolicy);

        group.MapGet("/", ListAsync).WithName("ListActions").WithSummary("Response actions within the account's scope");
        group.MapGet("/{id:int}", async (int id, ResponseActions actions, IStringLocalizer text, CancellationToken ct) =>
                await actions.FindAsync(id, ct) is { } view ? Results.Ok(view) : NotFound(text, id))
            .WithName("GetAction").WithSummary("One action with its updates and linked feedback")
            .Produces<ActionView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", CreateAsync).RequireAuthorization(AccountsFeature.ResponderPolicy)
            .WithName("CreateAction").WithSummary("Commit to an action: who, by when, at what cost, from which budget")
            .AcceptsJsonBody<CreateActionRequest>();

        group.MapPut("/{id:int}", (int id, JsonBody<EditActionRequest> body, HttpContext context, ResponseActions actions, CancellationToken ct) =>
                ChangeAsync(id, context, actions.EditAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<EditActionRequest>().RequireAuthorization(AccountsFeature.ResponderPolicy)
            .WithName("EditAction").WithSummary("Change an open action's details; 409 when someone saved first");

        group.MapPost("/{id:int}/updates", (int id, JsonBody<ActionProgressRequest> body, HttpContext context, ResponseActions actions, CancellationToken ct) =>
                ChangeAsync(id, context, actions.ProgressAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<ActionProgressRequest>().RequireAuthorization(AccountsFeature.ResponderPolicy)
            .WithName("ReportActionProgress").WithSummary("Report progress with evidence; move to in-progress, done or dropped");

        group.MapPost("/{id:int}/feedback", (int id, JsonBody<LinkFeedbackRequest> body, HttpContext context, ResponseActions actions, CancellationToken ct) =>
                ChangeAsync(id, context, actions.LinkFeedbackAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<LinkFeedbackRequest>().RequireAuthorization(AccountsFeature.ResponderPolicy)
            .WithName("LinkActionFeedback").WithSummary("Link more feedback items that the action answers");

        return group;
    }

    private static async Task<Results<Created<ActionView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonBody<CreateActionRequest> body, ResponseActions actions, IStringLocalizer text, CancellationToken ct)
    {
        var request = body.Value;
        var outcome = await actions.CreateAsync(request, ct);
        return outcome.CreatedId is { } id
            ? TypedResults.Created($"/api/v1/staff/actions/{id}", (await actions.FindAsync(id, ct))!)
            : outcome.Errors!.ToProblem(text);
    }

    private static Task<Results<Ok<ActionView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        int id, HttpContext context, Task<ChangeOutcome> change, CancellationToken ct) =>
        ChangeEndpoint.RunAsync(context, change, c => context.RequestServices.GetRequiredService<ResponseActions>().FindAsync(id, c), "error.action.unknown", id, ct);

    private static async Task<Results<Ok<PagedList<ActionView>>, ValidationProblem>> ListAsync(
        ResponseActions actions, TimeProvider clock, IStringLocalizer text, CancellationToken ct,
        string? status = null, bool? overdue = null, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        ActionStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (WireEnum<ActionStatus>.TryParse(status, out var s)) wanted = s;
            else errors.Add("status", text["error.enum.unknown", status, string.Join(", ", WireEnum<ActionStatus>.All)]);
        }

        if (Paging.Check(page, pageSize) is { } field) errors.Add(field, Paging.Message(text));
        if (errors.Any)
        {
            return errors.ToProblem(text);
        }

        var today = ActionRules.Today(clock);
        var query = actions.InScope().AsNoTracking();
        if (wanted is not null) query = query.Where(a => a.Status == wanted);
        if (overdue == true) query = query.Where(a => (a.Status == ActionStatus.Planned || a.Status == ActionStatus.InProgress) && a.DueOn < today);
        var result = await query.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Select(ActionView.Projection).ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(result with { Items = [.. result.Items.Select(v => v with { Today = today })] });
    }

    private static IResult NotFound(IStringLocalizer text, int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.action.unknown", id]);
}
