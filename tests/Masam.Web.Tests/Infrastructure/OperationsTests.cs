using System.Net;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Infrastructure;

public sealed class OperationsTests : IClassFixture<OperationsTests.App>
{
    public sealed class App : IDisposable
    {
        public MasamAppFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly MasamAppFactory _factory;
    private readonly HttpClient _client;

    public OperationsTests(App app) => (_factory, _client) = (app.Factory, app.Factory.CreateClient());

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_IsHealthy(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesEveryApiRoute()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/feedback", paths);
        Assert.Contains("/api/v1/feedback/{trackingCode}", paths);
        Assert.Contains("/api/v1/admin-units", paths);
        Assert.Contains("/api/v1/admin-units/{code}", paths);
        Assert.Contains("/api/v1/providers", paths);
        var submit = document.GetProperty("paths").GetProperty("/api/v1/feedback").GetProperty("post");
        Assert.True(submit.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.False(string.IsNullOrEmpty(submit.GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task OpenApi_ListsEveryRestEndpoint_WithASummaryAndItsResponses()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var paths = document.GetProperty("paths");
        var endpoints = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && route.StartsWith("/api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();
        Assert.NotEmpty(endpoints);

        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/');
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (!paths.TryGetProperty(route, out var path) || !path.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    missing.Add($"{method} {route}: not in the document");
                }
                else if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    missing.Add($"{method} {route}: no summary");
                }
                else if (!operation.TryGetProperty("responses", out var responses) || !responses.EnumerateObject().Any())
                {
                    missing.Add($"{method} {route}: no responses");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void EveryRouteThatTakesAJsonBody_DeclaresItsLimit_SoThatABadBodyIsAnsweredBeforeTheHandler()
    {
        var routes = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.GetParameters()
                .Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Masam.Web.Infrastructure.JsonBody<>)) == true)
            .ToList();

        Assert.True(routes.Count >= 20, $"{routes.Count} routes take a JSON body");
        Assert.All(routes, route => Assert.True(route.Metadata.GetMetadata<Masam.Web.Infrastructure.JsonBodyLimit>() is { MaxBytes: > 0 },
            $"{route.RoutePattern.RawText}: no .AcceptsJsonBody<T>(limit)"));
    }

    /// <summary>
    /// The API's routes and their summaries, as the OpenAPI document lists them, against the list
    /// checked in beside this file: a change to it is made on purpose (run the test with
    /// <c>MASAM_UPDATE_ROUTES=1</c> to rewrite the list, and review the difference).
    /// </summary>
    [Fact]
    public async Task OpenApi_ListsTheSameRoutesAndSummaries_AsTheCheckedInList()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var routes = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation =>
                $"{operation.Name.ToUpperInvariant()} {path.Name}: {(operation.Value.TryGetProperty("summary", out var summary) ? summary.GetString() : "")}"))
            .Order(StringComparer.Ordinal).ToList();
        var listed = RouteListPath();
        if (Environment.GetEnvironmentVariable("MASAM_UPDATE_ROUTES") == "1")
        {
            await File.WriteAllLinesAsync(listed, routes);
        }

        var expected = await File.ReadAllLinesAsync(listed);
        Assert.True(expected.Length > 50, $"{listed}: {expected.Length} routes");
        Assert.Equal(expected, routes);
    }

    private static string RouteListPath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "openapi-routes.txt");

    [Fact]
    public async Task Scalar_ServesTheReferencePage()
    {
        var response = await _client.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheSqliteDatabase_RunsInWalMode()
    {
        // On SQLite whatever database the rest of the suite runs on.
        using var sqlite = MasamAppFactory.OnSqlite();
        var mode = await sqlite.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());

        Assert.Equal("wal", Assert.Single(mode));
    }

    [Fact]
    public void RelativeDataSource_IsTakenFromTheContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "masam-tests", Guid.NewGuid().ToString("N"));

        var connection = DataSetup.SqliteConnectionString("Data Source=data/masam.db", root);

        Assert.Contains(Path.Combine(root, "data", "masam.db"), connection);
        Assert.True(Directory.Exists(Path.Combine(root, "data")));
        Directory.Delete(root, recursive: true);
    }
}
