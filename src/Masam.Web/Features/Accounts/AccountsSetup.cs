using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace Masam.Web.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>The scheme that sends pages to the cookie and the API to bearer tokens.</summary>
    public const string Scheme = "Masam";

    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    /// <summary>Those who answer feedback: local officials and provider managers, within their scope.</summary>
    public const string ResponderPolicy = "Responder";

    /// <summary>Drafts and publishes reports: officials for their own unit, Admin and MinistryAnalyst for any and the nation.</summary>
    public const string PublisherPolicy = "Publisher";

    public static IServiceCollection AddMasamAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentStaff>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Infrastructure.VersionedChange>();
        services.AddScoped<StaffAdministration>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<StaffTokens>();
        services.AddScoped<Feedback.FeedbackReview>();
        services.AddScoped<Feedback.FeedbackInbox>();
        services.AddScoped<Actions.ResponseActions>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            // The API and the query feed take bearer tokens only, so a browser's cookie can never be used
            // to call them from another site; pages take the cookie, and their forms carry antiforgery tokens.
            .AddPolicyScheme(Scheme, "Cookie for pages, bearer token for the API", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/odata")
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromMinutes(30);
                options.RefreshTokenExpiration = TimeSpan.FromDays(14);
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.Cookie.Name = "masam.staff";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/account/sign-in";
                options.LogoutPath = "/account/sign-out";
                options.AccessDeniedPath = "/account/denied";
            }));

        services.AddIdentityCore<StaffUser>(options =>
            {
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 5;
                // No lockout: guessing is slowed per account and address (SignInThrottle), so that no one can lock an official out.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MasamDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(StaffRoles.All))
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin))
            .AddPolicy(ResponderPolicy, policy => policy.RequireRole(StaffRoles.LocalOfficial, StaffRoles.ProviderManager))
            .AddPolicy(PublisherPolicy, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.MinistryAnalyst, StaffRoles.LocalOfficial))
            .AddPolicy(Scorecards.ScorecardEndpoints.EditorPolicy,
                policy => policy.RequireRole(StaffRoles.CsoFacilitator, StaffRoles.LocalOfficial, StaffRoles.ProviderManager));
        return services;
    }

    public static WebApplication UseMasamAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<StaffSessionMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
