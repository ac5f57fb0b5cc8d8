using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masam.Web.Features.Audit;

/// <summary>
/// The audit log: every change staff make, hash-chained (<see cref="AuditChainInterceptor"/>, an
/// interceptor of the DbContext) so that an edited or deleted entry is found; read and verified
/// through the administration API.
/// </summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddScoped<AuditTrail>().AddSingleton<IInterceptor, AuditChainInterceptor>();
}
