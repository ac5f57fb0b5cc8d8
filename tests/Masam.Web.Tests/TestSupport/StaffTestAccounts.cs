using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests;

/// <summary>Creates staff accounts in a test app and signs them in through the API.</summary>
public static class StaffTestAccounts
{
    public const string Password = "a long test password";

    public static async Task<StaffAccountView> CreateStaffAsync(this MasamAppFactory factory, string email, string role,
        string[]? units = null, int[]? providers = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var (account, errors) = await scope.ServiceProvider.GetRequiredService<StaffAdministration>().CreateAsync(new CreateStaffRequest
        {
            Email = email, DisplayName = email, Password = Password, Role = role, AdminUnits = units, Providers = providers,
        }, CancellationToken.None);
        Assert.True(account is not null, string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        return account!;
    }

    public static async Task<JsonElement> SignInAsync(this HttpClient client, string email, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {email} failed: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A client that sends the account's bearer token.</summary>
    public static async Task<HttpClient> ClientForAsync(this MasamAppFactory factory, string email)
    {
        var client = factory.CreateClient();
        var tokens = await client.SignInAsync(email);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }
}
