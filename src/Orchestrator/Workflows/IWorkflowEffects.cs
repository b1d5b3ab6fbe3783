namespace Orchestrator.Workflows;

/// <summary>
/// Side effects that must be in the same transaction as the step that caused them: the email outbox, email-action
/// links, reminders. Every registered implementation (scoped or singleton) is called for every applied engine result.
/// An exception rolls the whole command back.
/// </summary>
public interface IWorkflowEffects
{
    /// <summary>Called inside the transaction, after the engine rows of one instance were staged.</summary>
    /// <param name="change">What changed.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task OnAppliedAsync(AppliedChange change, CancellationToken cancellationToken);
}
