using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Masam.Web.Tests;

/// <summary>
/// An authenticator app for tests: Otp.NET's TOTP (not Masam's own check) over the key Masam gave,
/// on the app's fake clock. Each code comes from the next 30-second step, as a person waits for the
/// app's next code, since Masam takes each code once.
/// </summary>
public sealed class Authenticator(string sharedKey, FakeTimeProvider clock)
{
    private readonly Totp _totp = new(Base32Encoding.ToBytes(sharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));

    /// <summary>The code showing now (the one a code just used also showed, until the step ends).</summary>
    public string Current() => _totp.ComputeTotp(clock.GetUtcNow().UtcDateTime);

    /// <summary>Waits for the next step and gives its code.</summary>
    public string Next()
    {
        clock.Advance(TimeSpan.FromSeconds(30));
        return Current();
    }

    /// <summary>A code from a step long past (or to come), which Masam must refuse.</summary>
    public string At(TimeSpan fromNow) => _totp.ComputeTotp((clock.GetUtcNow() + fromNow).UtcDateTime);

    /// <summary>Sets up two-factor sign-in for the account of a signed-in API client: the app, and the recovery codes shown once.</summary>
    public static async Task<(Authenticator App, string[] RecoveryCodes)> EnrolAsync(HttpClient signedIn, FakeTimeProvider clock)
    {
        var setup = await (await signedIn.PostAsync("/api/v1/account/two-factor/authenticator", null)).Content.ReadFromJsonAsync<JsonElement>();
        var app = new Authenticator(setup.GetProperty("sharedKey").GetString()!, clock);
        var confirmed = await signedIn.PostAsJsonAsync("/api/v1/account/two-factor/authenticator/confirm", new { code = app.Next() });
        var body = await confirmed.Content.ReadAsStringAsync();
        Assert.True(confirmed.IsSuccessStatusCode, body);
        return (app, [.. JsonDocument.Parse(body).RootElement.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)]);
    }
}
