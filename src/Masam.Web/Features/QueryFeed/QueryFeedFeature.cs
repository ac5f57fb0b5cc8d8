using Microsoft.AspNetCore.OData;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace Masam.Web.Features.QueryFeed;

/// <summary>
/// The OData v4 feed at <c>/odata</c> for Excel, Power BI and any OData client: <c>$metadata</c>, the
/// public entity sets, and the restricted ones (<c>Feedback</c>, <c>FeedbackCounts</c>, <c>ScorecardScores</c>) for staff
/// with a bearer token, filtered to their scope; JSON by default, query options limited by
/// <see cref="FeedQueryAttribute"/>.
/// </summary>
public static class QueryFeedFeature
{
    public const string RoutePrefix = "odata";

    public static IServiceCollection AddQueryFeed(this IServiceCollection services)
    {
        services.AddSingleton<SatisfactionFigureCatalogue>();
        services.AddSingleton<IInterceptor>(FeedFilterPushdown.Instance);
        services.AddControllers().AddOData(options => options
            .Select().Filter().OrderBy().Expand().Count().SetMaxTop(FeedQueryAttribute.TopLimit)
            .AddRouteComponents(RoutePrefix, Model()));
        return services;
    }

    /// <summary>
    /// Maps the feed's controllers. The service document and <c>$metadata</c> (the library's own
    /// controller) are public like the public sets; every other action keeps the access it declares.
    /// </summary>
    public static IEndpointRouteBuilder MapQueryFeed(this IEndpointRouteBuilder app)
    {
        app.MapControllers().Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
                && !endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            }
        });
        return app;
    }

    public static IEdmModel Model()
    {
        var builder = new ODataConventionModelBuilder { Namespace = "Masam", ContainerName = "Masam" };
        builder.EntitySet<AdminUnitRow>("AdminUnits").EntityType.Name = "AdminUnit";
        builder.EntitySet<ProviderRow>("Providers").EntityType.Name = "Provider";
        builder.EntitySet<ServiceLineRow>("ServiceLines").EntityType.Name = "ServiceLine";
        builder.EntitySet<ResponseActionRow>("ResponseActions").EntityType.Name = "ResponseAction";
        builder.EntitySet<PublicationRow>("Publications").EntityType.Name = "Publication";
        builder.EntitySet<SatisfactionFigureRow>("SatisfactionFigures").EntityType.Name = "SatisfactionFigure";
        builder.EntitySet<FeedbackRow>("Feedback").EntityType.Name = "FeedbackItem";
        builder.EntitySet<ScorecardScoreRow>("ScorecardScores").EntityType.Name = "ScorecardScore";
        builder.EntitySet<FeedbackCountRow>("FeedbackCounts").EntityType.Name = "FeedbackCount";
        return builder.GetEdmModel();
    }
}
