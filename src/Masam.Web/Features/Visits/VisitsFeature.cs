using Masam.Web.Data;
using Masam.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Visits;

/// <summary>
/// Service visits as data: reported by the systems that register services (a key per system or
/// centre) or by a centre's file, the population the proactive survey asks by SMS (drawn, asked,
/// reminded once, answered as verified feedback); their numbers kept only while the survey needs them.
/// </summary>
public static class VisitsFeature
{
    public const string PhonePurgeJobId = "visit-phone-purge";
    public const string SurveyRoundJobId = "survey-round";

    public static IServiceCollection AddVisits(this IServiceCollection services)
    {
        services.AddOptions<VisitOptions>().BindConfiguration(VisitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<VisitSources>();
        services.AddScoped<VisitRules>();
        services.AddScoped<VisitRecorder>();
        services.AddScoped<VisitImport>();
        services.AddScoped<VisitPhonePurge>();
        services.AddRecurringJob<VisitPhonePurge, VisitOptions>(PhonePurgeJobId, p => p.ExecuteAsync(CancellationToken.None), o => o.PhonePurgeCron);
        services.AddScoped<SurveyRates>();
        services.AddScoped<SourceFigures>();
        services.AddScoped<SurveyRound>();
        services.AddRecurringJob<SurveyRound, VisitOptions>(SurveyRoundJobId, r => r.ExecuteAsync(CancellationToken.None), o => o.Survey.RoundCron);
        services.AddScoped<Sms.ISmsQuestion, SurveyAnswers>();
        services.AddScoped<Scrutiny.IScrutinySource, VisitChecks>();
        services.AddDataSeeder<VisitDemoKey>(SeedStage.Accounts);
        return services;
    }

    public static IEndpointRouteBuilder MapVisits(this IEndpointRouteBuilder app) => app.MapVisitsApi();
}

/// <summary>The demo's visit key (<see cref="DemoKey"/>, in the README) in Development with demo data only; revoked anywhere else.</summary>
internal sealed class VisitDemoKey(VisitSources sources, IOptions<Infrastructure.MasamOptions> options, IHostEnvironment environment) : IDataSeeder
{
    public const string DemoKey = "masam-demo-visits";

    public Task SeedAsync(CancellationToken ct) => options.Value.SeedDemoData && environment.IsDevelopment()
        ? sources.EnsureDemoAsync("Demo visit source (Development only)", DemoKey, ct)
        : sources.RevokeDemoKeyAsync(DemoKey, ct);
}
