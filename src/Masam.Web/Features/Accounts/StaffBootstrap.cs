using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// The accounts an installation starts with: the first Admin from configuration, and — only in
/// Development with demo data — one demo account per role in a few places, all with the documented
/// demo password. Each is created only if its e-mail is not taken. Outside Development a demo
/// account is never created, and one left from an earlier start is disabled, with a warning: its
/// password is in the README.
/// </summary>
public sealed class StaffBootstrap(
    StaffAdministration admin, UserManager<StaffUser> users, MasamDbContext db, IOptions<MasamOptions> options, IHostEnvironment environment,
    ILogger<StaffBootstrap> logger) : IDataSeeder
{
    /// <summary>The e-mails of every demo account, the provider manager's included.</summary>
    public static IEnumerable<string> DemoEmails => DemoAccounts.Select(a => a.Email!).Append(DemoManagerEmail);

    private const string DemoManagerEmail = "oss.uliastai@demo.masam.mn";

    public const string DemoPassword = "masam-demo-2026";

    public static readonly CreateStaffRequest[] DemoAccounts =
    [
        Demo("admin@demo.masam.mn", "Демо администратор", StaffRoles.Admin),
        Demo("analyst@demo.masam.mn", "Демо шинжээч (Сангийн яам)", StaffRoles.MinistryAnalyst),
        Demo("zavkhan@demo.masam.mn", "Демо албан тушаалтан, Завхан", StaffRoles.LocalOfficial, units: ["181"]),
        Demo("bayanzurkh@demo.masam.mn", "Демо албан тушаалтан, Баянзүрх", StaffRoles.LocalOfficial, units: ["MN51110"]),
        Demo("cso.khuvsgul@demo.masam.mn", "Демо ТББ-ын чиглүүлэгч, Хөвсгөл", StaffRoles.CsoFacilitator, units: ["267"]),
        Demo("operator@demo.masam.mn", "Демо утасны оператор", StaffRoles.IntakeOperator),
    ];

    /// <summary>At start-up, after the demo data (the provider manager's account names a demo provider).</summary>
    Task IDataSeeder.SeedAsync(CancellationToken ct) => RunAsync(options.Value.SeedDemoData,
        async code => await db.Providers.Where(p => p.Code == code).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct), ct);

    public async Task RunAsync(bool withDemoData, Func<string, Task<int?>> providerByCode, CancellationToken ct)
    {
        await admin.EnsureRolesAsync();
        var withDemoAccounts = withDemoData && environment.IsDevelopment();
        var bootstrap = options.Value.Bootstrap;
        if (!string.IsNullOrWhiteSpace(bootstrap.AdminEmail) && !string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            await CreateIfAbsentAsync(new CreateStaffRequest
            {
                Email = bootstrap.AdminEmail, DisplayName = "Administrator", Password = bootstrap.AdminPassword, Role = StaffRoles.Admin,
            }, ct);
        }

        if (!withDemoAccounts)
        {
            await DisableDemoAccountsAsync(ct);
            return;
        }

        foreach (var account in DemoAccounts)
        {
            await CreateIfAbsentAsync(account, ct);
        }

        if (await providerByCode("DEMO-MN18101-OSS") is { } oss)
        {
            await CreateIfAbsentAsync(Demo(DemoManagerEmail, "Демо менежер, Улиастайн ТҮНЦТ", StaffRoles.ProviderManager, providers: [oss]), ct);
        }
    }

    /// <summary>Disables every enabled demo account (audited as the system's change); their tokens and cookies stop working at once.</summary>
    private async Task DisableDemoAccountsAsync(CancellationToken ct)
    {
        foreach (var email in DemoEmails)
        {
            if (await users.FindByEmailAsync(email) is { IsDisabled: false } user)
            {
                await admin.SetDisabledAsync(user.Id, disabled: true, ct);
                logger.LogWarning("Disabled the demo account {Email}: demo accounts, whose password is public, exist only in Development ({Environment} here)",
                    email, environment.EnvironmentName);
            }
        }
    }

    private async Task CreateIfAbsentAsync(CreateStaffRequest request, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(request.Email!) is not null)
        {
            return;
        }

        var (_, errors) = await admin.CreateAsync(request, ct);
        if (errors.Any)
        {
            throw new InvalidOperationException($"The account {request.Email} could not be created: " +
                string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        }

        logger.LogInformation("Created the {Role} account {Email}", request.Role, request.Email);
    }

    private static CreateStaffRequest Demo(string email, string name, string role, string[]? units = null, int[]? providers = null) =>
        new() { Email = email, DisplayName = name, Password = DemoPassword, Role = role, AdminUnits = units, Providers = providers };
}
