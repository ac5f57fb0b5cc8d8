namespace Masam.Web.Features.Accounts;

/// <summary>The <c>Masam:Accounts</c> section: how staff sign in.</summary>
public sealed class AccountOptions
{
    public const string Section = "Masam:Accounts";

    /// <summary>
    /// An Admin must sign in with a second factor (an authenticator app, or a recovery code): an Admin
    /// without one may only set one up until they have. On by default and in Production; the demo
    /// (appsettings.Development.json) turns it off so that its Admin can be tried without an app.
    /// </summary>
    public bool RequireAdminTwoFactor { get; set; } = true;
}
