using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Accounts;

/// <summary>Bearer tokens for API clients: sign in, refresh, sign out.</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Accounts");

        group.MapPost("/sign-in", SignInAsync).AllowAnonymous()
            .WithName("SignIn")
            .WithSummary("Sign in with e-mail and password; answers an access token and a refresh token")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithName("RefreshToken")
            .WithSummary("Trade a refresh token for new tokens")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization(AccountsSetup.StaffPolicy)
            .WithName("SignOut")
            .WithSummary("Sign out: every token and cookie of the account stops working");

        return group;
    }

    public sealed record SignInRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> SignInAsync(
        HttpContext context, JsonRequestBody reader, SignInManager<StaffUser> signIn, IStringLocalizer text, CancellationToken ct)
    {
        var (request, problem) = await reader.ReadAsync<SignInRequest>(context.Request, 8 * 1024, ct);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(request!.Email) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new FieldErrors();
            if (string.IsNullOrWhiteSpace(request.Email)) errors.Add("email", text["error.signIn.required"]);
            if (string.IsNullOrEmpty(request.Password)) errors.Add("password", text["error.signIn.required"]);
            return errors.ToProblem(text);
        }

        var user = await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
        if (user is null || user.IsDisabled)
        {
            return Unauthorized(text["problem.signIn.failed"]);
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Unauthorized(text["problem.signIn.lockedOut"]);
        }

        // On success the bearer handler has written the tokens as the response body.
        return result.Succeeded ? TypedResults.Empty : Unauthorized(text["problem.signIn.failed"]);
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        HttpContext context, JsonRequestBody reader, SignInManager<StaffUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer,
        TimeProvider clock, IStringLocalizer text, CancellationToken ct)
    {
        var (request, problem) = await reader.ReadAsync<RefreshRequest>(context.Request, 8 * 1024, ct);
        if (problem is not null) return problem;

        var ticket = string.IsNullOrEmpty(request!.RefreshToken)
            ? null
            : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsDisabled: false } user)
        {
            return Unauthorized(text["problem.refresh.failed"]);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
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
