using Masam.Web.Features.Visits;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.TestSupport;

/// <summary>A system that registers services, as tests play it: a visit key issued by Admin and a client sending it.</summary>
public static class VisitSystems
{
    public static async Task<HttpClient> RegistryClientAsync(this MasamAppFactory factory, string name = "Registry")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var (issued, _) = await scope.ServiceProvider.GetRequiredService<VisitSources>().IssueAsync(new IssueVisitKeyRequest { Name = name }, CancellationToken.None);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", issued!.Key);
        return client;
    }
}
