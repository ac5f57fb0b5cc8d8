using Hangfire.Server;

namespace Masam.Web.Infrastructure.Jobs;

/// <summary>
/// Counts every job attempt that ends in an exception (<c>masam.jobs.failures</c>, by job class
/// and method), on this app's own server: a retry that fails again counts again.
/// </summary>
internal sealed class JobFailureMetrics(MasamMetrics metrics) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Exception is not null && !context.ExceptionHandled && !context.Canceled)
        {
            var job = context.BackgroundJob.Job;
            metrics.JobFailed(job is null ? "unknown" : $"{job.Type.Name}.{job.Method.Name}");
        }
    }
}
