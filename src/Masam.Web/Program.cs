using Masam.Web.Data;
using Masam.Web.Features;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Operations;
using Masam.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

// The platform, then each feature (its services, jobs, seeders and policies); seeders run in this order.
builder.Services.AddMasamPlatform(builder.Configuration, builder.Environment).AddMasamFeatures();

var app = builder.Build();

// Backup and restore come before the database is opened: a restore replaces it, and a backup
// of a running installation must not migrate or seed it.
if (OperationsCommands.IsCommand(args))
{
    return await OperationsCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

await app.Services.InitializeDatabaseAsync();
if (AdminCommands.IsCommand(args))
{
    return await AdminCommands.RunAsync(app, args);
}

app.UseMasamPlatform();
app.UseAccounts();
app.UseRateLimiter();

app.MapMasamPlatform();
app.MapMasamFeatures();
app.MapRazorPages();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
