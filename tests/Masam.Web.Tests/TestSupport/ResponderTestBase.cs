using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests;

/// <summary>
/// What the review and action tests start from: an app on a fake clock (2 March 2026, 10:00 in
/// Mongolia), one provider in Uliastai (Zavkhan), Zavkhan's local official signed in, and a
/// citizen's anonymous client.
/// </summary>
public abstract class ResponderTestBase(string providerNameMn = "Туршилтын төв", params string[] serviceLines) : IAsyncLifetime, IDisposable
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    private MasamAppFactory? _factory;

    /// <summary>Settings the app starts with, besides the tests' own.</summary>
    protected virtual (string Key, string? Value)[] Settings => [];

    protected MasamAppFactory Factory => _factory ??= new MasamAppFactory(Settings);
    protected HttpClient Official { get; private set; } = null!;
    protected HttpClient Public { get; private set; } = null!;
    protected int ProviderId { get; private set; }

    public async Task InitializeAsync()
    {
        Factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock);
        ProviderId = await Factory.AddProviderAsync("MN18101", nameMn: providerNameMn, serviceLines: serviceLines);
        await Factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        Official = await Factory.ClientForAsync("zavkhan@test.mn");
        Public = Factory.CreateClient();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A citizen's feedback through the API: its id and the tracking code the citizen was given.</summary>
    protected async Task<(long Id, string Code)> SubmitFeedbackAsync(object body)
    {
        var receipt = await (await Public.PostAsJsonAsync("/api/v1/feedback", body)).Content.ReadFromJsonAsync<JsonElement>();
        var code = receipt.GetProperty("trackingCode").GetString()!;
        var stored = TrackingCodes.Normalize(code);
        return (await Factory.WithDbAsync(db => db.Feedback.Where(f => f.TrackingCode == stored).Select(f => f.Id).SingleAsync()), code);
    }
}
