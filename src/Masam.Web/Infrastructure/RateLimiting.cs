using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Infrastructure;

public static class RateLimiting
{
    public const string FeedbackPolicy = "feedback-intake";

    /// <summary>
    /// Limits anonymous submissions per client address. The address is a partition key in memory
    /// only; it is never logged with or stored beside the feedback. Reads are never limited.
    /// </summary>
    public static IServiceCollection AddMasamRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(FeedbackPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptionsMonitor<MasamOptions>>()
                    .CurrentValue.RateLimit.FeedbackPerMinute;
                if (perMinute == 0 || !HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{client}:{perMinute}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = WriteRejectionAsync;
        });
        return services;
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
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
