using Microsoft.AspNetCore.Identity;

namespace Masam.Web.Features.Accounts;

/// <summary>A staff account. Citizens have none: they stay anonymous.</summary>
public sealed class StaffUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>A disabled account cannot sign in, and its tokens and cookies stop working at once.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Where the account may act: admin units for officials and facilitators, providers for managers.</summary>
    public List<StaffAssignment> Assignments { get; set; } = [];
}

/// <summary>One admin unit (and everything below it) or one provider that a staff account may act on.</summary>
public sealed class StaffAssignment
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int? AdminUnitId { get; set; }
    public Geography.AdminUnit? AdminUnit { get; set; }
    public int? ProviderId { get; set; }
    public Providers.Provider? Provider { get; set; }
}
