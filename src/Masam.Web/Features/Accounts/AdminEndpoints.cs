using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Accounts;

/// <summary>Account administration and the audit log: Admin only.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Administration").RequireAuthorization(AccountsFeature.AdminPolicy);

        group.MapGet("/users", async (StaffAdministration admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct)))
            .WithName("ListStaff").WithSummary("Staff accounts with their role and scope");

        group.MapPost("/users", CreateAsync).WithName("CreateStaff").WithSummary("Create a staff account")
            .AcceptsJsonBody<CreateStaffRequest>(JsonBodyLimit.Medium);

        group.MapPut("/users/{id}/access", ChangeAccessAsync).WithName("ChangeStaffAccess")
            .WithSummary("Change an account's role and scope; its tokens and cookies end")
            .AcceptsJsonBody<ChangeAccessRequest>(JsonBodyLimit.Medium);

        group.MapPost("/users/{id}/disable", (string id, StaffAdministration admin, CurrentStaff me, IStringLocalizer text, CancellationToken ct) =>
                SetDisabledAsync(id, true, admin, me, text, ct))
            .WithName("DisableStaff").WithSummary("Disable an account at once");

        group.MapPost("/users/{id}/enable", (string id, StaffAdministration admin, CurrentStaff me, IStringLocalizer text, CancellationToken ct) =>
                SetDisabledAsync(id, false, admin, me, text, ct))
            .WithName("EnableStaff").WithSummary("Enable a disabled account");

        group.MapGet("/audit", ListAuditAsync).WithName("ListAudit").WithSummary("The audit log, newest first");

        group.MapGet("/audit/verification", async (MasamDbContext db, CancellationToken ct) => TypedResults.Ok(await AuditVerification.RunAsync(db, ct)))
            .WithName("VerifyAudit").WithSummary("Walk the audit chain and name the first entry that does not match");

        return group;
    }

    private static async Task<Results<Created<StaffAccountView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonBody<CreateStaffRequest> body, StaffAdministration admin, IStringLocalizer text, CancellationToken ct)
    {
        var request = body.Value;
        var (account, errors) = await admin.CreateAsync(request, ct);
        return account is null
            ? errors.ToProblem(text)
            : TypedResults.Created($"/api/v1/admin/users/{account.Id}", account);
    }

    private static async Task<Results<Ok<StaffAccountView>, ValidationProblem, ProblemHttpResult>> ChangeAccessAsync(
        string id, JsonBody<ChangeAccessRequest> body, StaffAdministration admin, IStringLocalizer text, CancellationToken ct)
    {
        var request = body.Value;
        var (account, errors) = await admin.ChangeAccessAsync(id, request, ct);
        return account is not null ? TypedResults.Ok(account)
            : errors.Any ? errors.ToProblem(text)
            : NotFound(text);
    }

    private static async Task<Results<Ok<StaffAccountView>, ProblemHttpResult>> SetDisabledAsync(
        string id, bool disabled, StaffAdministration admin, CurrentStaff me, IStringLocalizer text, CancellationToken ct)
    {
        if (disabled && id == me.UserId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.conflict.title"], detail: text["error.account.disableSelf"]);
        }

        return await admin.SetDisabledAsync(id, disabled, ct) is { } account ? TypedResults.Ok(account) : NotFound(text);
    }

    private static async Task<Results<Ok<PagedList<AuditEntry>>, ValidationProblem>> ListAuditAsync(
        MasamDbContext db, IStringLocalizer text, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        if (Paging.Problem(page, pageSize, text) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).ToPageAsync(page, pageSize, ct));
    }

    private static ProblemHttpResult NotFound(IStringLocalizer text) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.account.unknown"]);
}
