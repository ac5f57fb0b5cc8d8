namespace Masam.Web.Features.Accounts;

/// <summary>The signed-in staff member of this request, checked against the database by <see cref="StaffSessionMiddleware"/>.</summary>
public sealed class CurrentStaff
{
    public string? UserId { get; private set; }
    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string Role { get; private set; } = "";
    public StaffScope Scope { get; private set; } = StaffScope.Nothing;

    public bool IsSignedIn => UserId is not null;

    internal void Set(string userId, string email, string displayName, string role, StaffScope scope) =>
        (UserId, Email, DisplayName, Role, Scope) = (userId, email, displayName, role, scope);
}
