using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// A staff member's own two-factor sign-in, for API clients (the page <c>/account/two-factor</c> does
/// the same): set up an authenticator, confirm it, new recovery codes, turn it off; and an Admin's
/// reset of someone else's. Turning it on ends the account's sessions, this one included: sign in
/// again with a code.
/// </summary>
public static class TwoFactorEndpoints
{
    public static RouteGroupBuilder MapTwoFactorApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account/two-factor").WithTags("Accounts")
            .RequireAuthorization(AccountsFeature.StaffPolicy).WithMetadata(new AllowedBeforeSecondFactorAttribute());

        group.MapGet("", StateAsync).WithName("TwoFactorState")
            .WithSummary("Whether two-factor sign-in is on, whether the account's role requires it, and how many recovery codes are left");

        group.MapPost("/authenticator", SetupAsync).WithName("TwoFactorSetup")
            .WithSummary("A new authenticator key to add to an app (its key and otpauth URI); it replaces the account's key only once a code of it is confirmed");

        group.MapPost("/authenticator/confirm", ConfirmAsync).WithName("TwoFactorConfirm")
            .WithSummary("Confirm the new key with a code from the app: two-factor sign-in is on, and ten new recovery codes are answered once")
            .AcceptsJsonBody<CodeRequest>(JsonBodyLimit.Small);

        group.MapPost("/recovery-codes", RecoveryCodesAsync).WithName("TwoFactorRecoveryCodes")
            .WithSummary("Ten new recovery codes (the old ones stop working), given a current code")
            .AcceptsJsonBody<CodeRequest>(JsonBodyLimit.Small);

        group.MapPost("/disable", DisableAsync).WithName("TwoFactorDisable")
            .WithSummary("Turn two-factor sign-in off, given a current code or a recovery code; refused where the role requires it")
            .AcceptsJsonBody<CodeRequest>(JsonBodyLimit.Small);

        app.MapPost("/api/v1/admin/users/{id}/two-factor/reset", ResetAsync).WithTags("Administration")
            .RequireAuthorization(AccountsFeature.AdminPolicy).WithName("ResetStaffTwoFactor")
            .WithSummary("For someone who lost their phone and recovery codes: their two-factor sign-in is off and their sessions end; they set it up again");
        return group;
    }

    /// <summary>A code from the authenticator app (six digits), or for turning it off, a recovery code.</summary>
    public sealed record CodeRequest(string? Code);

    public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

    private static async Task<Ok<TwoFactor.State>> StateAsync(CurrentStaff staff, UserManager<StaffUser> users, TwoFactor twoFactor) =>
        TypedResults.Ok(await twoFactor.StateAsync((await users.FindByIdAsync(staff.UserId!))!, staff.Role!));

    private static async Task<Ok<TwoFactor.Setup>> SetupAsync(CurrentStaff staff, UserManager<StaffUser> users, TwoFactor twoFactor) =>
        TypedResults.Ok(await twoFactor.SetupAsync((await users.FindByIdAsync(staff.UserId!))!, fresh: true));

    private static async Task<Results<Ok<RecoveryCodes>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        JsonBody<CodeRequest> body, CurrentStaff staff, UserManager<StaffUser> users, TwoFactor twoFactor, IStringLocalizer text) =>
        Answer(await twoFactor.ConfirmAsync((await users.FindByIdAsync(staff.UserId!))!, body.Value.Code), text);

    private static async Task<Results<Ok<RecoveryCodes>, ValidationProblem, ProblemHttpResult>> RecoveryCodesAsync(
        JsonBody<CodeRequest> body, CurrentStaff staff, UserManager<StaffUser> users, TwoFactor twoFactor, IStringLocalizer text) =>
        Answer(await twoFactor.NewRecoveryCodesAsync((await users.FindByIdAsync(staff.UserId!))!, body.Value.Code), text);

    private static Results<Ok<RecoveryCodes>, ValidationProblem, ProblemHttpResult> Answer(
        (TwoFactor.Outcome Outcome, IReadOnlyList<string> Codes) result, IStringLocalizer text) => result.Outcome switch
        {
            TwoFactor.Outcome.Done => TypedResults.Ok(new RecoveryCodes(result.Codes)),
            TwoFactor.Outcome.WrongCode => WrongCode(text),
            _ => NotNow(result.Outcome, text),
        };

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DisableAsync(
        JsonBody<CodeRequest> body, CurrentStaff staff, UserManager<StaffUser> users, TwoFactor twoFactor, IStringLocalizer text)
    {
        var outcome = await twoFactor.DisableAsync((await users.FindByIdAsync(staff.UserId!))!, staff.Role!, body.Value.Code);
        return outcome switch
        {
            TwoFactor.Outcome.Done => TypedResults.NoContent(),
            TwoFactor.Outcome.WrongCode => WrongCode(text),
            _ => NotNow(outcome, text),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetAsync(
        string id, CurrentStaff staff, UserManager<StaffUser> users, TwoFactor twoFactor, IStringLocalizer text)
    {
        if (id == staff.UserId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.conflict.title"], detail: text["error.twoFactor.resetSelf"]);
        }

        if (await users.FindByIdAsync(id) is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.account.unknown"]);
        }

        await twoFactor.ResetAsync(user);
        return TypedResults.NoContent();
    }

    private static ValidationProblem WrongCode(IStringLocalizer text)
    {
        var errors = new FieldErrors();
        errors.Add("code", text["error.twoFactor.wrongCode"]);
        return errors.ToProblem(text);
    }

    /// <summary>A role's requirement is 403; a step the account's state does not allow (no key waiting, nothing on) is a conflict.</summary>
    private static ProblemHttpResult NotNow(TwoFactor.Outcome outcome, IStringLocalizer text) => outcome == TwoFactor.Outcome.Required
        ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: text["problem.forbidden.title"], detail: text["error.twoFactor.required"])
        : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.conflict.title"], detail: text["error.twoFactor.notSetUp"]);
}
