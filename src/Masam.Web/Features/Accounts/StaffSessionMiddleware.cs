using System.Security.Claims;
using Masam.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Checks every signed-in request against the account as it is now: a disabled account, or a
/// token or cookie issued before the account's security stamp last changed (sign-out, password
/// or access change), is treated as not signed in, so it gets 401 at once rather than when the
/// token expires. Loads the account's scope for the request.
/// </summary>
public sealed class StaffSessionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IOptions<IdentityOptions> identity)
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
            }
        }

        await next(context);
    }
}
