using Orchestrator.Engine.Runtime;

namespace Orchestrator.Workflows;

/// <summary>
/// A job handler whose completion writes rows of its own (an outbox email, a letter document, a case change) in the
/// transaction that records the job's completion, so that both commit or neither does. The attempt itself
/// (<see cref="IJobHandler.ExecuteAsync"/>) runs outside any transaction; what it prepared travels in
/// <see cref="JobCompleted.Attachment"/>.
/// </summary>
public interface ITransactionalJobHandler : IJobHandler
{
    /// <summary>Called inside the completion's transaction when the attempt returned <see cref="JobCompleted"/>.</summary>
    /// <param name="context">The job.</param>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <param name="change">The transaction (its <see cref="AppliedChange.Result"/> is the completion's result).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task OnCompletingAsync(JobContext context, JobCompleted outcome, AppliedChange change, CancellationToken cancellationToken);
}
