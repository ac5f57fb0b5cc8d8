using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Demo;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Maps;
using Masam.Web.Features.Open311;
using Masam.Web.Features.Operations;
using Masam.Web.Features.Providers;
using Masam.Web.Features.Publications;
using Masam.Web.Features.QueryFeed;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Scrutiny;
using Masam.Web.Features.Sms;
using Masam.Web.Features.Visits;
using Masam.Web.Features.Scorecards;
using Masam.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

// The platform, then each feature (its services, jobs, seeders and policies); seeders run in this order.
builder.Services.AddMasamPlatform(builder.Configuration, builder.Environment)
    .AddAudit()
    .AddAccounts()
    .AddGeography()
    .AddProviders()
    .AddFeedback()
    .AddActions()
    .AddReminders()
    .AddSms()
    .AddOpen311()
    .AddVisits()
    .AddScorecards()
    .AddFigures()
    .AddScrutiny()
    .AddPublications()
    .AddQueryFeed()
    .AddMaps()
    .AddOperations()
    .AddDemo();

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
app.MapGeography().MapProviders().MapFeedback().MapAccounts().MapActions().MapReminders().MapSms().MapOpen311().MapVisits()
    .MapScorecards().MapFigures().MapScrutiny().MapPublications().MapQueryFeed();
app.MapRazorPages();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
