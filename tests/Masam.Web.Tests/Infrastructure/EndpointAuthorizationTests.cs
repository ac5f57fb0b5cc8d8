using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Infrastructure;

/// <summary>No endpoint may be left open by accident: each says who may call it.</summary>
public sealed class EndpointAuthorizationTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly MasamAppFactory _factory = app.Factory;

    [Fact]
    public void EveryEndpoint_DeclaresAPolicyOrAnonymousAccess()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.True(endpoints.Count > 25, $"only {endpoints.Count} endpoints were found");
        Assert.True(undeclared.Count == 0, "Endpoints with neither a policy nor AllowAnonymous: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void TheStaffAndAdminSurfaces_RequireAPolicy()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        foreach (var endpoint in endpoints.Where(e => e.RoutePattern.RawText is { } route
            // The reference viewer's own script and icon are public library files, not data.
            && !Path.HasExtension(route)
            && (route.StartsWith("/api/v1/admin/") || route.StartsWith("/api/v1/staff") || route.StartsWith("admin") || route.StartsWith("staff") || route.StartsWith("/scalar") || route.StartsWith("/jobs"))))
        {
            Assert.True(endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null, $"{endpoint.RoutePattern.RawText} allows anonymous access");
            Assert.NotEmpty(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
        }
    }

    [Theory]
    [InlineData("/api/v1/feedback", "POST", RateLimiting.FeedbackPolicy)]
    [InlineData("/api/v1/feedback/{trackingCode}/rating", "POST", RateLimiting.FeedbackPolicy)]
    [InlineData("feedback", null, RateLimiting.FeedbackPolicy)]
    [InlineData("/api/v1/auth/sign-in", "POST", RateLimiting.SignInPolicy)]
    [InlineData("/api/v1/auth/refresh", "POST", RateLimiting.SignInPolicy)]
    [InlineData("account/sign-in", null, RateLimiting.SignInPolicy)]
    [InlineData("/api/v1/publications/verify", "POST", RateLimiting.DownloadsPolicy)]
    [InlineData("reports/verify", null, RateLimiting.DownloadsPolicy)]
    [InlineData("/reports/{period}/all.zip", "GET", RateLimiting.DownloadsPolicy)]
    public void TheAnonymousAndCostlyEndpoints_AreLimitedPerAddress(string route, string? method, string policy)
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => string.Equals(e.RoutePattern.RawText?.TrimEnd('/'), route, StringComparison.OrdinalIgnoreCase))
            .Where(e => method is null || e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Equal(policy, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
    }
}
