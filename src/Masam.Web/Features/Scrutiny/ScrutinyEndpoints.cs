using Masam.Web.Features.Accounts;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Scrutiny;

/// <summary>The analysts' API: flagged provider-periods with their evidence, and holds on figures.</summary>
public static class ScrutinyEndpoints
{
    /// <summary>Who reads the flags and holds figures: the ministry's analysts and Admin (national roles; a judged official does not judge the signals).</summary>
    public const string Roles = $"{StaffRoles.Admin},{StaffRoles.MinistryAnalyst}";

    public static IEndpointRouteBuilder MapScrutinyApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/staff").WithTags("Scrutiny").RequireAuthorization(new AuthorizeAttribute { Roles = Roles });
        staff.MapGet("/flags", FlagsAsync).WithName("ListFlags")
            .WithSummary("Provider-periods flagged for analysts (signals of stuffing, checks on visit data), with the evidence")
            .WithDescription("period: a quarter (2026-Q4), the current one if not given; aimag: an aimag's code; cleared=true adds flags that no longer hold.")
            .ProducesValidationProblem();
        staff.MapGet("/holds", async (string? period, FigureHolds holds, CancellationToken ct) => TypedResults.Ok(await holds.ListAsync(period, ct)))
            .WithName("ListHolds").WithSummary("Holds on providers' figures, newest first");
        staff.MapPost("/holds", HoldAsync).WithName("HoldFigure").AcceptsJsonBody<HoldRequest>(8192)
            .WithSummary("Hold a provider's figure for a quarter from publication, with a reason (audited): it is published as \"held for review\"")
            .ProducesValidationProblem();
        staff.MapPost("/holds/{id:int}/release", (int id, JsonBody<HoldDecision> body, FigureHolds holds, IStringLocalizer text, CancellationToken ct) =>
                DecideAsync(id, confirm: false, body.Value, holds, text, ct))
            .WithName("ReleaseHold").AcceptsJsonBody<HoldDecision>(8192).WithSummary("Release a hold, with the reason: the figure is published").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/holds/{id:int}/confirm", (int id, JsonBody<HoldDecision> body, FigureHolds holds, IStringLocalizer text, CancellationToken ct) =>
                DecideAsync(id, confirm: true, body.Value, holds, text, ct))
            .WithName("ConfirmHold").AcceptsJsonBody<HoldDecision>(8192).WithSummary("Confirm a hold, with the reason: the figure stays withheld (\"withheld after review\")")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/api/v1/admin/jobs/scrutiny-scan", async (ScrutinyScan scan, CancellationToken ct) => TypedResults.Ok(await scan.ExecuteAsync(ct)))
            .WithTags("Administration").RequireAuthorization(AccountsFeature.AdminPolicy).WithSummary("Look for signals now (the job runs hourly)");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<FlagView>>, ValidationProblem>> FlagsAsync(
        string? period, string? aimag, bool? cleared, ScrutinyFlags flags, TimeProvider clock, IStringLocalizer text, CancellationToken ct)
    {
        var quarter = period is null ? FigurePeriod.QuarterOf(MongolianTime.MonthOf(clock.GetUtcNow().UtcDateTime)) : FigurePeriod.Parse(period);
        if (quarter is not { Months: 3 })
        {
            var errors = new FieldErrors();
            errors.Add("period", text["error.hold.period", period ?? ""]);
            return errors.ToProblem(text);
        }

        return TypedResults.Ok(await flags.ListAsync(quarter.Name, aimag, cleared == true, ct));
    }

    private static async Task<Results<Created<HoldView>, ValidationProblem>> HoldAsync(JsonBody<HoldRequest> body, FigureHolds holds, IStringLocalizer text, CancellationToken ct)
    {
        var (hold, errors) = await holds.HoldAsync(body.Value, ct);
        return hold is null ? errors.ToProblem(text) : TypedResults.Created($"/api/v1/staff/holds?period={hold.Period}", hold);
    }

    private static async Task<Results<Ok<HoldView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        int id, bool confirm, HoldDecision body, FigureHolds holds, IStringLocalizer text, CancellationToken ct)
    {
        var (hold, errors) = await holds.DecideAsync(id, confirm, body.Decision, ct);
        if (hold is not null) return TypedResults.Ok(hold);
        return errors.Any ? errors.ToProblem(text)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.hold.notFound", id]);
    }
}
