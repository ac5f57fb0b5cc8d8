using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Creating accounts, changing their role and scope, disabling and enabling them: the rules,
/// shared by the API, the pages and the start-up bootstrap, each change audited in the same
/// transaction.
/// </summary>
public sealed class StaffAdministration(
    MasamDbContext db, UserManager<StaffUser> users, RoleManager<IdentityRole> roles, AuditTrail audit,
    TimeProvider clock, IStringLocalizer text)
{
    public async Task<(StaffAccountView? Account, FieldErrors Errors)> CreateAsync(CreateStaffRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add("email", text["error.contact.email"]);
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add("email", text["error.account.emailTaken"]);
        }

        var name = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors.Add("displayName", text["error.account.displayName"]);
        }

        var (role, units, providers) = await ValidateAccessAsync(request.Role, request.AdminUnits, request.Providers, errors, ct);
        if (errors.Any)
        {
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new StaffUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name!,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                errors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            }

            return (null, errors);
        }

        await EnsureRoleAsync(role!);
        await users.AddToRoleAsync(user, role!);
        Assign(user, units, providers);
        await db.SaveChangesAsync(ct);
        var view = await ViewAsync(user.Id, ct);
        audit.Record("user.create", "StaffUser", user.Id, before: null, after: view);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (view, errors);
    }

    public async Task<(StaffAccountView? Account, FieldErrors Errors)> ChangeAccessAsync(string userId, ChangeAccessRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var user = await db.Users.Include(u => u.Assignments).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return (null, errors);
        }

        var (role, units, providers) = await ValidateAccessAsync(request.Role, request.AdminUnits, request.Providers, errors, ct);
        if (errors.Any)
        {
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = await ViewAsync(user.Id, ct);
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await EnsureRoleAsync(role!);
        await users.AddToRoleAsync(user, role!);
        db.StaffAssignments.RemoveRange(user.Assignments);
        user.Assignments.Clear();
        Assign(user, units, providers);
        // Tokens and cookies carry the old role: end them, so the account signs in afresh.
        await users.UpdateSecurityStampAsync(user);
        await db.SaveChangesAsync(ct);
        var after = await ViewAsync(user.Id, ct);
        audit.Record("user.access", "StaffUser", user.Id, before, after);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (after, errors);
    }

    /// <summary>Disables or enables an account; null when there is no such account.</summary>
    public async Task<StaffAccountView?> SetDisabledAsync(string userId, bool disabled, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = await ViewAsync(user.Id, ct);
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        if (disabled)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        var after = await ViewAsync(user.Id, ct);
        audit.Record(disabled ? "user.disable" : "user.enable", "StaffUser", user.Id, before, after);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return after;
    }

    public Task<List<StaffAccountView>> ListAsync(CancellationToken ct) =>
        Views(db.Users.OrderBy(u => u.Email)).ToListAsync(ct);

    public Task<StaffAccountView?> ViewAsync(string userId, CancellationToken ct) =>
        Views(db.Users.Where(u => u.Id == userId)).FirstOrDefaultAsync(ct);

    private IQueryable<StaffAccountView> Views(IQueryable<StaffUser> accounts) =>
        accounts.AsNoTracking().Select(u => new StaffAccountView(
            u.Id, u.Email!, u.DisplayName,
            db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).FirstOrDefault() ?? "",
            u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd,
            u.Assignments.Where(a => a.AdminUnitId != null).OrderBy(a => a.AdminUnit!.Code).Select(a => a.AdminUnit!.Code).ToList(),
            u.Assignments.Where(a => a.ProviderId != null).OrderBy(a => a.ProviderId).Select(a => a.ProviderId!.Value).ToList()));

    private async Task<(string? Role, List<int> UnitIds, List<int> ProviderIds)> ValidateAccessAsync(
        string? role, IReadOnlyList<string>? adminUnits, IReadOnlyList<int>? providers, FieldErrors errors, CancellationToken ct)
    {
        adminUnits ??= [];
        providers ??= [];
        if (role is null || !StaffRoles.All.Contains(role))
        {
            errors.Add("role", text["error.enum.unknown", role ?? "", string.Join(", ", StaffRoles.All)]);
            return (null, [], []);
        }

        var unitIds = await db.AdminUnits.Where(u => adminUnits.Contains(u.Code)).Select(u => new { u.Id, u.Code }).ToListAsync(ct);
        foreach (var missing in adminUnits.Except(unitIds.Select(u => u.Code)))
        {
            errors.Add("adminUnits", text["error.adminUnit.unknown", missing]);
        }

        var providerIds = await db.Providers.Where(p => providers.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        foreach (var missing in providers.Except(providerIds))
        {
            errors.Add("providers", text["error.providerId.unknown", missing]);
        }

        var kind = StaffRoles.ScopeOf(role);
        var fits = kind switch
        {
            ScopeKind.National => adminUnits.Count == 0 && providers.Count == 0,
            ScopeKind.OneAdminUnit => adminUnits.Count == 1 && providers.Count == 0,
            ScopeKind.AdminUnits => adminUnits.Count >= 1 && providers.Count == 0,
            _ => providers.Count >= 1 && adminUnits.Count == 0,
        };
        if (!fits)
        {
            errors.Add("role", text[$"error.account.scope.{kind}", role]);
        }

        return (role, unitIds.Select(u => u.Id).ToList(), providerIds);
    }

    private static void Assign(StaffUser user, List<int> units, List<int> providers)
    {
        user.Assignments.AddRange(units.Select(id => new StaffAssignment { UserId = user.Id, AdminUnitId = id }));
        user.Assignments.AddRange(providers.Select(id => new StaffAssignment { UserId = user.Id, ProviderId = id }));
    }

    /// <summary>
    /// Creates every role that does not exist yet; run at start-up (under the start-up lock), so that
    /// accounts created at once on several nodes never race to create the same role.
    /// </summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in StaffRoles.All)
        {
            await EnsureRoleAsync(role);
        }
    }

    private async Task EnsureRoleAsync(string role)
    {
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
    }
}
