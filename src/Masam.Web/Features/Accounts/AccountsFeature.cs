using System.Security.Claims;
using Masam.Web.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Staff accounts: sign-in (a cookie for pages, bearer tokens for the API and the feed), roles and
/// scopes, the policies every feature's endpoints name, the accounts an installation starts with, and
/// their administration.
/// </summary>
public static class AccountsFeature
{
    /// <summary>The scheme that sends pages to the cookie and the API to bearer tokens.</summary>
    public const string Scheme = "Masam";

    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    /// <summary>Those who answer feedback: local officials and provider managers, within their scope.</summary>
    public const string ResponderPolicy = "Responder";

    /// <summary>Drafts and publishes reports: officials for their own unit, Admin and MinistryAnalyst for any and the nation.</summary>
    public const string PublisherPolicy = "Publisher";

    /// <summary>Phone intake: operators, and Admin.</summary>
    public const string IntakePolicy = "Intake";

    /// <summary>What reads every area's unpublished figures at once (the ranking of where to work next): the roles that see the whole country.</summary>
    public const string NationalPolicy = "National";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentStaff>();
        services.AddScoped<StaffAdministration>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DeviceCookie>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<TwoFactor>();
        services.AddScoped<ApplicationKeys>();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateOnStart();
        services.AddScoped<StaffTokens>();
        services.AddDataSeeder<StaffBootstrap>(SeedStage.Accounts);

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
                options.Tokens.AuthenticatorTokenProvider = AuthenticatorCodes.ProviderName;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MasamDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodes>(AuthenticatorCodes.ProviderName);

        // The cookie's principal is made again from the account every half hour: keep the mark of a passed second factor.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal is { } current && TwoFactor.PassedSecondFactor(current) && context.NewPrincipal?.Identity is ClaimsIdentity renewed
                && !TwoFactor.PassedSecondFactor(context.NewPrincipal))
            {
                renewed.AddClaim(new Claim(TwoFactor.MethodClaim, TwoFactor.MultiFactor));
            }

            return Task.CompletedTask;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(StaffRoles.All))
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin))
            .AddPolicy(IntakePolicy, policy => policy.RequireRole(StaffRoles.IntakeOperator, StaffRoles.Admin))
            .AddPolicy(ResponderPolicy, policy => policy.RequireRole(StaffRoles.LocalOfficial, StaffRoles.ProviderManager))
            .AddPolicy(PublisherPolicy, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.MinistryAnalyst, StaffRoles.LocalOfficial))
            .AddPolicy(NationalPolicy, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.MinistryAnalyst));
        return services;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<StaffSessionMiddleware>();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapTwoFactorApi();
        app.MapAdminApi();
        return app;
    }
}
