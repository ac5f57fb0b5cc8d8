using System.Threading.RateLimiting;
using Masam.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Infrastructure;

public static class RateLimiting
{
    public const string FeedbackPolicy = "feedback-intake";

    /// <summary>Sign-in and token refresh, per client address.</summary>
    public const string SignInPolicy = "sign-in";

    /// <summary>The expensive anonymous requests: a period's archive, and checking a file.</summary>
    public const string DownloadsPolicy = "public-downloads";

    /// <summary>
    /// Limits anonymous submissions, sign-ins and the expensive downloads per client address. The
    /// address is a partition key in memory only; it is never logged with or stored beside the
    /// feedback. Reads of pages and the API are never limited.
    /// </summary>
    public static IServiceCollection AddMasamRateLimiting(this IServiceCollection services)
    {
        // Limits on what one sender may cause (SMS per phone, e-mails per address), in the database across nodes.
        services.AddScoped<RateWindows>();
        services.AddRecurringJob<RateWindows, MasamOptions>(RateWindows.PurgeJobId, w => w.PurgeAsync(CancellationToken.None), o => o.RateLimit.WindowPurgeCron);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(FeedbackPolicy, context => PerAddress(context, "feedback",
                context.RequestServices.GetRequiredService<IOptionsMonitor<MasamOptions>>().CurrentValue.RateLimit.FeedbackPerMinute, IsPost));
            options.AddPolicy(SignInPolicy, context => PerAddress(context, "sign-in",
                context.RequestServices.GetRequiredService<IOptionsMonitor<MasamOptions>>().CurrentValue.RateLimit.SignInPerMinute, IsPost));
            options.AddPolicy(DownloadsPolicy, context => PerAddress(context, "downloads",
                context.RequestServices.GetRequiredService<IOptionsMonitor<MasamOptions>>().CurrentValue.RateLimit.DownloadsPerMinute,
                // An upload to check, or an archive; the verification page itself is a cheap read.
                c => IsPost(c) || c.Request.Path.Value?.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) == true));
            options.OnRejected = WriteRejectionAsync;
        });
        return services;
    }

    private static bool IsPost(HttpContext context) => HttpMethods.IsPost(context.Request.Method);

    private static RateLimitPartition<string> PerAddress(HttpContext context, string name, int perMinute, Func<HttpContext, bool> limited)
    {
        if (perMinute == 0 || !limited(context))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{name}:{client}:{perMinute}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName == FeedbackPolicy)
        {
            context.RequestServices.GetRequiredService<MasamMetrics>().SubmissionRefused("web", "rate-limit"); // the web form and the API share the limit
        }

        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? (int)Math.Ceiling(wait.TotalSeconds)
            : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = context.RequestServices.GetRequiredService<IStringLocalizer>();
        var written = await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = text["problem.rateLimited.title"],
                Detail = text["problem.rateLimited.detail", retryAfter],
            },
        });
        if (!written)
        {
            // A browser posting the form asks for HTML only: a plain sentence is still clear.
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(text["problem.rateLimited.detail", retryAfter], ct);
        }
    }
}
