namespace Orchestrator.Engine.Runtime;

/// <summary>Runs the jobs of one type (a service task's <c>orc:type</c>, or the notification handler for send tasks).</summary>
public interface IJobHandler
{
    /// <summary>Runs one attempt. An exception counts as a technical failure.</summary>
    /// <param name="context">The job and its variables.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken);
}
