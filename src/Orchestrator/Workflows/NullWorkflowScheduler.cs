namespace Orchestrator.Workflows;

/// <summary>The default scheduler hook: does nothing (no timer has a firing, and none is made).</summary>
public sealed class NullWorkflowScheduler : IWorkflowScheduler
{
    /// <inheritdoc/>
    public TimeSpan? ScheduledAhead => null;

    /// <inheritdoc/>
    public bool HoldsFiring(PendingTimer timer) => false;

    /// <inheritdoc/>
    public Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<IReadOnlyList<PendingTimer>> WithoutFiringAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken) => Task.FromResult(timers);

    /// <inheritdoc/>
    public Task ScheduleTimersAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task UnscheduleTimersAsync(IReadOnlyList<string> timerIds, CancellationToken cancellationToken) => Task.CompletedTask;
}
