using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// The accounts an installation starts with: the first Admin from configuration, and — only
/// with demo data — one demo account per role in a few places, all with the documented demo
/// password. Each is created only if its e-mail is not taken; nothing existing is changed.
/// </summary>
public sealed class StaffBootstrap(StaffAdministration admin, UserManager<StaffUser> users, IOptions<MasamOptions> options, ILogger<StaffBootstrap> logger)
{
    public const string DemoPassword = "masam-demo-2026";

    public static readonly CreateStaffRequest[] DemoAccounts =
    [
        Demo("admin@demo.masam.mn", "Демо администратор", StaffRoles.Admin),
        Demo("analyst@demo.masam.mn", "Демо шинжээч (Сангийн яам)", StaffRoles.MinistryAnalyst),
        Demo("zavkhan@demo.masam.mn", "Демо албан тушаалтан, Завхан", StaffRoles.LocalOfficial, units: ["181"]),
        Demo("bayanzurkh@demo.masam.mn", "Демо албан тушаалтан, Баянзүрх", StaffRoles.LocalOfficial, units: ["MN51110"]),
        Demo("cso.khuvsgul@demo.masam.mn", "Демо ТББ-ын чиглүүлэгч, Хөвсгөл", StaffRoles.CsoFacilitator, units: ["267"]),
    ];

    public async Task RunAsync(bool withDemoAccounts, Func<string, Task<int?>> providerByCode, CancellationToken ct)
    {
        await admin.EnsureRolesAsync();
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
            return;
        }

        foreach (var account in DemoAccounts)
        {
            await CreateIfAbsentAsync(account, ct);
        }

        if (await providerByCode("DEMO-MN18101-OSS") is { } oss)
        {
            await CreateIfAbsentAsync(Demo("oss.uliastai@demo.masam.mn", "Демо менежер, Улиастайн ТҮНЦТ", StaffRoles.ProviderManager, providers: [oss]), ct);
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
