using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Accounts;

/// <summary>Bearer tokens for API clients: sign in, refresh, sign out.</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Accounts");

        group.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimiting.SignInPolicy)
            .WithName("SignIn")
            .WithSummary("Sign in with e-mail and password, and the second factor when the account has one; answers an access token and a refresh token")
            .WithDescription("An account with two-factor sign-in answers 401 with `twoFactorRequired: true` until `twoFactorCode` (the authenticator app's six digits) "
                + "or `twoFactorRecoveryCode` is sent with the password. While an account is throttled for a guessing attack, only the password and second factor together get in.")
            .AcceptsJsonBody<SignInRequest>(JsonBodyLimit.Small)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimiting.SignInPolicy)
            .WithName("RefreshToken")
            .WithSummary("Trade a refresh token for new tokens; the one given is used up, and presenting it again ends every session of the account")
            .AcceptsJsonBody<RefreshRequest>(JsonBodyLimit.Small)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization(AccountsFeature.StaffPolicy).WithMetadata(new AllowedBeforeSecondFactorAttribute())
            .WithName("SignOut")
            .WithSummary("Sign out: every token and cookie of the account stops working");

        return group;
    }

    /// <summary>E-mail and password; and for an account with two-factor sign-in, the authenticator's code or one recovery code.</summary>
    public sealed record SignInRequest(string? Email, string? Password, string? TwoFactorCode = null, string? TwoFactorRecoveryCode = null);

    public sealed record RefreshRequest(string? RefreshToken);

    private static async Task<Results<SignInHttpResult, ProblemHttpResult, ValidationProblem>> SignInAsync(
        JsonBody<SignInRequest> body, HttpContext context, StaffSignIn staffSignIn, StaffTokens tokens, IStringLocalizer text, CancellationToken ct)
    {
        var request = body.Value;
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new FieldErrors();
            if (string.IsNullOrWhiteSpace(request.Email)) errors.Add("email", text["error.required"]);
            if (string.IsNullOrEmpty(request.Password)) errors.Add("password", text["error.required"]);
            return errors.ToProblem(text);
        }

        var secondFactor = string.IsNullOrWhiteSpace(request.TwoFactorCode) ? request.TwoFactorRecoveryCode : request.TwoFactorCode;
        var (outcome, user, retryAfter) = await staffSignIn.CheckAsync(request.Email, request.Password, secondFactor);
        return outcome switch
        {
            StaffSignIn.Outcome.Succeeded => TypedResults.SignIn(
                await tokens.IssueAsync(user!, null, secondFactor: user!.TwoFactorEnabled, ct), authenticationScheme: IdentityConstants.BearerScheme),
            StaffSignIn.Outcome.Throttled => Throttled(context, text, retryAfter),
            StaffSignIn.Outcome.NeedsSecondFactor => Unauthorized(text["problem.signIn.twoFactorRequired"], twoFactorRequired: true),
            StaffSignIn.Outcome.SecondFactorFailed => Unauthorized(text["problem.signIn.twoFactorFailed"], twoFactorRequired: true),
            _ => Unauthorized(text["problem.signIn.failed"]),
        };
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        JsonBody<RefreshRequest> body, StaffTokens tokens, IStringLocalizer text, CancellationToken ct)
    {
        var request = body.Value;
        var (outcome, principal) = await tokens.RefreshAsync(request.RefreshToken, ct);
        return outcome switch
        {
            StaffTokens.Outcome.Renewed => TypedResults.SignIn(principal!, authenticationScheme: IdentityConstants.BearerScheme),
            StaffTokens.Outcome.Reused => Unauthorized(text["problem.refresh.reused"]),
            _ => Unauthorized(text["problem.refresh.failed"]),
        };
    }

    /// <summary>429 with Retry-After: this address has tried this account too often.</summary>
    public static ProblemHttpResult Throttled(HttpContext context, IStringLocalizer text, TimeSpan retryAfter)
    {
        var minutes = StaffSignIn.RetryAfter(context.Response, retryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: text["problem.rateLimited.title"],
            detail: text["problem.signIn.throttled", minutes]);
    }

    private static async Task<NoContent> SignOutAsync(CurrentStaff staff, UserManager<StaffUser> users)
    {
        // Tokens are not stored, so signing out ends them all by changing the security stamp
        // they carry; StaffSessionMiddleware refuses any token with an old stamp.
        var user = await users.FindByIdAsync(staff.UserId!);
        await users.UpdateSecurityStampAsync(user!);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Unauthorized(string detail, bool twoFactorRequired = false) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail,
            extensions: twoFactorRequired ? new Dictionary<string, object?> { ["twoFactorRequired"] = true } : null);
}
