using Hangfire.Server;

namespace Masam.Web.Infrastructure.Jobs;

/// <summary>
/// Counts every job attempt on this app's own server by job (class and method) and outcome
/// (<c>masam.jobs.runs</c>: succeeded, failed, canceled), and the failures apart
/// (<c>masam.jobs.failures</c>): a retry that fails again counts again.
/// </summary>
internal sealed class JobFailureMetrics(MasamMetrics metrics) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        var job = context.BackgroundJob.Job is { } j ? $"{j.Type.Name}.{j.Method.Name}" : "unknown";
        var failed = context.Exception is not null && !context.ExceptionHandled && !context.Canceled;
        metrics.JobRan(job, context.Canceled ? "canceled" : failed ? "failed" : "succeeded");
        if (failed)
        {
            metrics.JobFailed(job);
        }
    }
}
