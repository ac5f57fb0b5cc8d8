using Masam.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Accounts;

public sealed class StaffBootstrapTests
{
    [Fact]
    public async Task TheFirstAdmin_ComesFromConfiguration_AndIsCreatedOnce()
    {
        using var factory = new MasamAppFactory(
            ("Masam:Bootstrap:AdminEmail", "root@test.mn"), ("Masam:Bootstrap:AdminPassword", "first admin password"));

        var client = factory.CreateClient();
        await client.SignInAsync("root@test.mn", "first admin password");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffBootstrap>().RunAsync(false, _ => Task.FromResult<int?>(null), default);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var admin = await users.FindByEmailAsync("root@test.mn");
            Assert.Equal([StaffRoles.Admin], await users.GetRolesAsync(admin!));
        }

        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal("system", await factory.WithDbAsync(db => db.AuditEntries.Select(e => e.ActorName).SingleAsync()));
    }

    [Fact]
    public async Task DemoData_BringsADemoAccountForEachRole()
    {
        using var factory = new MasamAppFactory(("Masam:SeedDemoData", "true"));

        var roles = await factory.WithDbAsync(db => db.UserRoles.Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).Distinct().ToListAsync());

        Assert.Equal(StaffRoles.All.Order(), roles.Order());
        var client = factory.CreateClient();
        await client.SignInAsync("oss.uliastai@demo.masam.mn", StaffBootstrap.DemoPassword);
    }
}
