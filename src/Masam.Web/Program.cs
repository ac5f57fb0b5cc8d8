using System.Text.Encodings.Web;
using System.Text.Unicode;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Jobs;
using Masam.Web.Features.Providers;
using Masam.Web.Features.Publications;
using Masam.Web.Features.QueryFeed;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Scorecards;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<MasamOptions>().BindConfiguration(MasamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMasamData(builder.Configuration, builder.Environment);
builder.Services.AddMasamLocalization();
builder.Services.AddMasamApi();
builder.Services.AddMasamRateLimiting();
builder.Services.AddFeedback();
builder.Services.AddMasamAccounts();
builder.Services.AddProviderAdministration();
builder.Services.AddReminders();
builder.Services.AddScorecards();
builder.Services.AddFigures();
builder.Services.AddMasamJobs(builder.Configuration, builder.Environment);
builder.Services.AddPublications();
builder.Services.AddQueryFeed();
builder.Services.AddSingleton<Masam.Web.Features.Maps.AimagMap>();
builder.Services.AddMasamHttps(builder.Configuration);
builder.Services.AddMasamProxy(builder.Configuration);
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AddPageRoute("/Staff/Scorecards/Sheet", "/staff/scorecards/{id:int}/self");
    options.Conventions.AddPageRoute("/Admin/Provider", "/admin/providers/new");
});
// Cyrillic goes out as UTF-8, not as six-byte &#x...; escapes: pages stay light on slow connections.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

var app = builder.Build();

await app.Services.InitializeDatabaseAsync();
if (AdminCommands.IsCommand(args))
{
    return await AdminCommands.RunAsync(app, args);
}

app.UseMasamProxy();
app.UseMasamHttps();
app.UseSecurityHeaders();
app.UseMiddleware<FeedErrorMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMasamLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseMasamAccounts();
app.UseRateLimiter();

app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapApiReference();
app.MapGeographyApi();
app.MapProvidersApi();
app.MapFeedbackApi();
app.MapAuthApi();
app.MapAdminApi();
app.MapProviderAdminApi();
app.MapStaffFeedbackApi();
app.MapActionsApi();
app.MapRemindersApi();
app.MapScorecardsApi();
app.MapJobsDashboard();
app.MapFigures();
app.MapPublicationsApi();
app.MapQueryFeed();
app.MapRazorPages();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
