using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>
/// The one shape of the service-task handlers that write something of their own (send tasks, letters, the case
/// handlers): the attempt prepares and checks what is slow or may fail — reading and checking the inputs, rendering,
/// printing — outside any transaction and carries it in <see cref="JobCompleted.Attachment"/>; the completion stages it
/// in the step's own transaction (<see cref="StageAsync"/>), so an email, a letter or a case change exists exactly when
/// the step committed, and a failed attempt leaves nothing behind. A problem fails the attempt with a message naming
/// the element (<see cref="Fail"/>): retries, then an incident.
/// </summary>
/// <typeparam name="TPrepared">What the attempt prepares.</typeparam>
/// <param name="scopes">For the reads an attempt makes (its own short-lived context).</param>
public abstract class TwoStepJobHandler<TPrepared>(IServiceScopeFactory scopes) : ITransactionalJobHandler
    where TPrepared : class
{
    /// <summary>How messages name the element's kind (<c>Send task</c>, <c>Letter task</c>).</summary>
    protected abstract string ElementKind { get; }

    /// <summary>What a failure message starts with: the element's kind and id (<c>Send task Send_Welcome</c>).</summary>
    /// <param name="context">The job.</param>
    protected virtual string Describe(JobContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return $"{ElementKind} {context.Job.ElementId}";
    }

    /// <inheritdoc/>
    public ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PrepareAsync(context, cancellationToken);
    }

    /// <inheritdoc/>
    public Task OnCompletingAsync(JobContext context, JobCompleted outcome, AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(change);
        if (outcome.Attachment is not TPrepared prepared)
        {
            throw new InvalidOperationException($"{Describe(context)}: the completed attempt carries nothing it prepared.");
        }

        return StageAsync(context, prepared, change, cancellationToken);
    }

    /// <summary>The attempt: prepares, outside any transaction; returns <see cref="Prepared"/> or <see cref="Fail"/>.</summary>
    /// <param name="context">The job.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    protected abstract ValueTask<JobOutcome> PrepareAsync(JobContext context, CancellationToken cancellationToken);

    /// <summary>The completion: adds what was prepared to the step's transaction.</summary>
    /// <param name="context">The job.</param>
    /// <param name="prepared">What the attempt prepared.</param>
    /// <param name="change">The completion's transaction.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    protected abstract Task StageAsync(JobContext context, TPrepared prepared, AppliedChange change, CancellationToken cancellationToken);

    /// <summary>A completed attempt carrying what it prepared.</summary>
    /// <param name="prepared">What the completion stages.</param>
    /// <param name="output">The output variables, if any.</param>
    protected static JobOutcome Prepared(TPrepared prepared, System.Text.Json.Nodes.JsonObject? output = null) => JobOutcome.Complete(output, prepared);

    /// <summary>A failed attempt whose message names the element.</summary>
    /// <param name="context">The job.</param>
    /// <param name="problem">What is wrong.</param>
    protected JobOutcome Fail(JobContext context, string problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JobOutcome.Fail($"{Describe(context)}: {problem}");
    }

    /// <summary>For services an attempt needs in a scope of its own.</summary>
    protected IServiceScopeFactory Scopes => scopes;

    /// <summary>Reads in a context of its own (an attempt runs outside the step's transaction).</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="read">The read.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    protected async Task<T> ReadAsync<T>(Func<OrchestratorDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await read(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The business key of an instance (the case reference), read in a context of its own.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    protected Task<string?> BusinessKeyAsync(string instanceId, CancellationToken cancellationToken) =>
        ReadAsync((db, ct) => db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.BusinessKey).SingleOrDefaultAsync(ct), cancellationToken);
}
