namespace Masam.Web.Features.Accounts;

/// <summary>A new staff account: its role decides what its scope is made of.</summary>
public sealed record CreateStaffRequest
{
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public string? Password { get; init; }

    /// <summary>Admin, MinistryAnalyst, LocalOfficial, ProviderManager or CsoFacilitator.</summary>
    public string? Role { get; init; }

    /// <summary>NSO codes: exactly one for a LocalOfficial, one or more for a CsoFacilitator.</summary>
    public IReadOnlyList<string>? AdminUnits { get; init; }

    /// <summary>Provider ids, one or more for a ProviderManager.</summary>
    public IReadOnlyList<int>? Providers { get; init; }
}

public sealed record ChangeAccessRequest
{
    public string? Role { get; init; }
    public IReadOnlyList<string>? AdminUnits { get; init; }
    public IReadOnlyList<int>? Providers { get; init; }
}

public sealed record StaffAccountView(
    string Id, string Email, string DisplayName, string Role, bool IsDisabled, bool TwoFactor, DateTimeOffset? LockedOutUntil,
    IReadOnlyList<string> AdminUnits, IReadOnlyList<int> Providers);
