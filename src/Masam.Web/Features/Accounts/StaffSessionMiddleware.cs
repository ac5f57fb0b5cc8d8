using System.Security.Claims;
using Masam.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Checks every signed-in request against the account as it is now: a disabled account, or a
/// token or cookie issued before the account's security stamp last changed (sign-out, password
/// or access change), is treated as not signed in, so it gets 401 at once rather than when the
/// token expires. Loads the account's scope for the request. A session of a role that requires a
/// second factor (<see cref="TwoFactor.IsRequired"/>) that signed in without one may only set one
/// up: the API answers 403 and pages lead to <c>/account/two-factor</c>.
/// </summary>
public sealed class StaffSessionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IOptions<IdentityOptions> identity, IOptions<AccountOptions> accounts)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            // Resolved only here: anonymous requests (citizens, health probes) pay nothing.
            var db = context.RequestServices.GetRequiredService<MasamDbContext>();
            var current = context.RequestServices.GetRequiredService<CurrentStaff>();
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var account = await db.Users.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new
                {
                    u.Email, u.DisplayName, u.IsDisabled, u.SecurityStamp,
                    Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                    Units = u.Assignments.Where(a => a.AdminUnitId != null).Select(a => a.AdminUnit!.Path).ToList(),
                    Providers = u.Assignments.Where(a => a.ProviderId != null).Select(a => a.ProviderId!.Value).ToList(),
                })
                .AsSplitQuery()
                .FirstOrDefaultAsync(context.RequestAborted);

            if (account is null || account.IsDisabled || account.SecurityStamp != stamp || account.Role is null)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                var scope = new StaffScope(StaffRoles.IsNational(account.Role), account.Units, account.Providers);
                current.Set(id!, account.Email ?? "", account.DisplayName, account.Role, scope);
                if (accounts.Value.RequireAdminTwoFactor && account.Role == StaffRoles.Admin && !TwoFactor.PassedSecondFactor(user) && IsGuarded(context))
                {
                    await SendToSetupAsync(context);
                    return;
                }
            }
        }

        await next(context);
    }

    /// <summary>An endpoint that needs a signed-in account, other than setting up the second factor and signing out.</summary>
    private static bool IsGuarded(HttpContext context) => context.GetEndpoint()?.Metadata is { } metadata
        && metadata.GetMetadata<IAuthorizeData>() is not null
        && metadata.GetMetadata<IAllowAnonymous>() is null
        && metadata.GetMetadata<AllowedBeforeSecondFactorAttribute>() is null;

    private static async Task SendToSetupAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/odata"))
        {
            context.Response.Redirect("/account/two-factor?ReturnUrl=" + Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString));
            return;
        }

        var text = context.RequestServices.GetRequiredService<IStringLocalizer>();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = text["problem.forbidden.title"],
                Detail = text["error.twoFactor.setUpFirst"],
                Extensions = { ["twoFactorSetup"] = "/api/v1/account/two-factor/authenticator" },
            },
        });
    }
}

/// <summary>Marks what a session may use before it has passed a second factor its role requires: setting one up, and signing out.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowedBeforeSecondFactorAttribute : Attribute;
