namespace Masam.Web.Features.Accounts;

/// <summary>The staff roles. An account has exactly one.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string MinistryAnalyst = "MinistryAnalyst";
    public const string LocalOfficial = "LocalOfficial";
    public const string ProviderManager = "ProviderManager";
    public const string CsoFacilitator = "CsoFacilitator";

    /// <summary>
    /// Takes feedback by phone on a caller's behalf (channel <c>phone</c>) and tells callers the
    /// status of theirs by its code: what a citizen could do on the site, nothing more; no inbox.
    /// </summary>
    public const string IntakeOperator = "IntakeOperator";

    public static readonly string[] All = [Admin, MinistryAnalyst, LocalOfficial, ProviderManager, CsoFacilitator, IntakeOperator];

    /// <summary>Roles that see the whole country.</summary>
    public static bool IsNational(string role) => role is Admin or MinistryAnalyst;

    /// <summary>What a role's scope is made of: admin units, providers, or nothing (national).</summary>
    public static ScopeKind ScopeOf(string role) => role switch
    {
        LocalOfficial => ScopeKind.OneAdminUnit,
        CsoFacilitator => ScopeKind.AdminUnits,
        ProviderManager => ScopeKind.Providers,
        _ => ScopeKind.National,
    };
}

public enum ScopeKind
{
    National,
    OneAdminUnit,
    AdminUnits,
    Providers,
}
