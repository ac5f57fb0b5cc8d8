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
using Masam.Web.Features.Scorecards;
using Masam.Web.Features.Scrutiny;
using Masam.Web.Features.Sms;
using Masam.Web.Features.Visits;

namespace Masam.Web.Features;

/// <summary>Every feature, in one list: each registers its own services, jobs, seeders and policies (seeders run in this order), and maps its own endpoints.</summary>
public static class FeatureList
{
    public static IServiceCollection AddMasamFeatures(this IServiceCollection services) => services
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

    public static IEndpointRouteBuilder MapMasamFeatures(this IEndpointRouteBuilder app) => app
        .MapGeography().MapProviders().MapFeedback().MapAccounts().MapActions().MapReminders().MapSms().MapOpen311().MapVisits()
        .MapScorecards().MapFigures().MapScrutiny().MapPublications().MapQueryFeed();
}
