using Masam.Web.Infrastructure.Jobs;

namespace Masam.Web.Features.Publications;

/// <summary>
/// Glass Account publications: drafting (queued, or by schedule when a quarter closes), review,
/// publishing with a signed manifest and a hash chain, the public catalogue and verification, and a
/// daily check that published files are intact.
/// </summary>
public static class PublicationsFeature
{
    public const string DraftJobId = "publications-draft";
    public const string IntegrityJobId = "publications-integrity";

    public static IServiceCollection AddPublications(this IServiceCollection services)
    {
        services.AddOptions<PublicationOptions>().BindConfiguration(PublicationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublicationSigner>();
        services.AddSingleton<PublishedFiles>();
        services.AddScoped<PublicationIntegrityCheck>();
        services.AddScoped<ReportModelBuilder>();
        services.AddScoped<PublicationGenerator>();
        services.AddScoped<PublicationWorkflow>();
        services.AddScoped<PublicationCatalogue>();
        services.AddScoped<PeriodDrafts>();
        services.AddSingleton<PublicationRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<PublicationRecovery>());
        services.AddRecurringJob<PeriodDrafts, PublicationOptions>(DraftJobId, d => d.ExecuteAsync(CancellationToken.None), o => o.DraftCron);
        services.AddRecurringJob<PublicationIntegrityCheck, PublicationOptions>(IntegrityJobId, c => c.ExecuteAsync(CancellationToken.None), o => o.IntegrityCheckCron);
        return services;
    }

    public static IEndpointRouteBuilder MapPublications(this IEndpointRouteBuilder app)
    {
        app.MapPublicationsApi();
        return app;
    }
}
