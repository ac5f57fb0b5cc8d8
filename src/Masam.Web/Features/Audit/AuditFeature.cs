namespace Masam.Web.Features.Audit;

/// <summary>
/// The audit log: every change staff make, hash-chained (<see cref="AuditChainInterceptor"/>, given to
/// the DbContext by the data setup) so that an edited or deleted entry is found; read and verified
/// through the administration API.
/// </summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddScoped<AuditTrail>();
}
