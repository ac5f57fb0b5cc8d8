using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Infrastructure;

/// <summary>No endpoint may be left open by accident: each says who may call it.</summary>
public sealed class EndpointAuthorizationTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

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
}
