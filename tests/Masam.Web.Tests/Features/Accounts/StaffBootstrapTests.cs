using Masam.Web.Features.Accounts;
using Masam.Web.Features.Open311;
using System.Net;
using System.Net.Http.Json;
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
    public async Task DemoData_BringsADemoAccountForEachRole_InDevelopment()
    {
        using var factory = new MasamAppFactory(("Masam:SeedDemoData", "true")) { Environment = "Development" };

        var roles = await factory.WithDbAsync(db => db.UserRoles.Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).Distinct().ToListAsync());

        Assert.Equal(StaffRoles.All.Order(), roles.Order());
        var client = factory.CreateClient();
        await client.SignInAsync("oss.uliastai@demo.masam.mn", StaffBootstrap.DemoPassword);
        // The README's Open311 examples use the demo's key.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/open311/v2/requests.json?api_key={Open311DemoKey.DemoKey}")).StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopment_DemoDataBringsNoDemoAccount_AndOnesLeftOverAreDisabled()
    {
        // A database first started in Development (demo accounts made), then started in Production with demo data still on.
        using var development = new MasamAppFactory(("Masam:SeedDemoData", "true")) { Environment = "Development" };
        _ = development.Services;
        var token = (await development.CreateClient().SignInAsync("admin@demo.masam.mn", StaffBootstrap.DemoPassword)).GetProperty("accessToken").GetString();
        await using (var scope = development.Services.CreateAsyncScope())
        {
            // What a Production start does to the same database.
            var bootstrap = ActivatorUtilities.CreateInstance<StaffBootstrap>(scope.ServiceProvider, new ProductionEnvironment());
            await bootstrap.RunAsync(true, _ => Task.FromResult<int?>(null), default);
            await ActivatorUtilities.CreateInstance<Open311DemoKey>(scope.ServiceProvider, new ProductionEnvironment()).SeedAsync(default);
        }

        Assert.All(await development.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@demo.masam.mn")).ToListAsync()), u => Assert.True(u.IsDisabled));
        var signIn = await development.CreateClient().PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "admin@demo.masam.mn", password = StaffBootstrap.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        var admin = development.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/admin/users")).StatusCode);
        Assert.Contains(await development.WithDbAsync(db => db.AuditEntries.Select(e => e.Action).ToListAsync()), a => a == "user.disable");
        var post = new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = Open311DemoKey.DemoKey });
        Assert.Equal(HttpStatusCode.Forbidden, (await development.CreateClient().PostAsync("/open311/v2/requests.json", post)).StatusCode); // the demo key is revoked

        using var production = new MasamAppFactory(("Masam:SeedDemoData", "true")) { Environment = "Production" };
        Assert.False(await production.WithDbAsync(db => db.Users.AnyAsync()));
        Assert.True(await production.WithDbAsync(db => db.Providers.AnyAsync(p => p.IsDemo)));
    }

    private sealed class ProductionEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "Masam.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
