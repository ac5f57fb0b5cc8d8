using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Open311;

/// <summary>Admin's API for Open311 keys: list, issue (the key is in that answer only), revoke.</summary>
public static class Open311ClientEndpoints
{
    public static RouteGroupBuilder MapOpen311ClientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/open311/clients").WithTags("Administration").RequireAuthorization(AccountsFeature.AdminPolicy);

        group.MapGet("/", async (Open311Clients clients, CancellationToken ct) => TypedResults.Ok(await clients.ListAsync(ct)))
            .WithName("ListOpen311Clients")
            .WithSummary("The Open311 clients and their keys' state (a key's first characters only)");

        group.MapPost("/", IssueAsync)
            .WithName("IssueOpen311Key")
            .WithSummary("Issue an api_key for a client: the answer is the only time the key is shown")
            .AcceptsJsonBody<IssueOpen311KeyRequest>(4096)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPost("/{id:int}/revoke", RevokeAsync)
            .WithName("RevokeOpen311Key")
            .WithSummary("Revoke a client's key: its next request is refused (403)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    private static async Task<Results<Created<IssuedOpen311Key>, ValidationProblem>> IssueAsync(
        JsonBody<IssueOpen311KeyRequest> body, Open311Clients clients, IStringLocalizer text, CancellationToken ct)
    {
        var (issued, errors) = await clients.IssueAsync(body.Value.Name, ct);
        return issued is null ? errors.ToProblem(text) : TypedResults.Created($"/api/v1/admin/open311/clients/{issued.Client.Id}", issued);
    }

    private static async Task<Results<Ok<Open311ClientView>, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        int id, HttpContext context, Open311Clients clients, CancellationToken ct) =>
        await ChangeEndpoint.RunAsync(context, clients.RevokeAsync(id, ct), c => clients.FindAsync(id, c), "error.open311.unknownClient", id, ct);
}
