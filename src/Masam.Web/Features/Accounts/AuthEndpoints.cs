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
            .WithSummary("Sign in with e-mail and password; answers an access token and a refresh token")
            .AcceptsJsonBody<SignInRequest>(JsonBodyLimit.Small)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimiting.SignInPolicy)
            .WithName("RefreshToken")
            .WithSummary("Trade a refresh token for new tokens; the one given is used up, and presenting it again ends every session of the account")
            .AcceptsJsonBody<RefreshRequest>(JsonBodyLimit.Small)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization(AccountsFeature.StaffPolicy)
            .WithName("SignOut")
            .WithSummary("Sign out: every token and cookie of the account stops working");

        return group;
    }

    public sealed record SignInRequest(string? Email, string? Password);

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

        var (outcome, user, retryAfter) = await staffSignIn.CheckAsync(request.Email, request.Password);
        return outcome switch
        {
            StaffSignIn.Outcome.Succeeded => TypedResults.SignIn(await tokens.IssueAsync(user!, null, ct), authenticationScheme: IdentityConstants.BearerScheme),
            StaffSignIn.Outcome.Throttled => Throttled(context, text, retryAfter),
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
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: text["problem.rateLimited.title"],
            detail: text["problem.signIn.throttled", (seconds + 59) / 60]);
    }

    private static async Task<NoContent> SignOutAsync(CurrentStaff staff, UserManager<StaffUser> users)
    {
        // Tokens are not stored, so signing out ends them all by changing the security stamp
        // they carry; StaffSessionMiddleware refuses any token with an old stamp.
        var user = await users.FindByIdAsync(staff.UserId!);
        await users.UpdateSecurityStampAsync(user!);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
}
