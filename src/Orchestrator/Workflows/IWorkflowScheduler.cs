namespace Orchestrator.Workflows;

/// <summary>
/// The scheduler underneath the engine's timers, as the durable core and the reconciliation sweep see it (the host's
/// scheduler implements it; register yours as a singleton to replace the default no-op). Told after every commit which
/// timers and later jobs appeared or went; asked by the sweep which pending timers have no scheduled firing, and told to
/// schedule those. The timer rows stay the truth: a missed call is repaired by the sweep (<c>Scheduling/README.md</c>).
/// </summary>
public interface IWorkflowScheduler
{
    /// <summary>
    /// How far ahead of its due time a timer gets its firing after its commit; <c>null</c>: after its commit, whatever
    /// its due time. A scheduler that holds only the near future (Hangfire) leaves later timers to the reconciliation
    /// sweep, which schedules them as they come within this window — that is its normal work, not a repair.
    /// </summary>
    TimeSpan? ScheduledAhead { get; }

    /// <summary>Called after a commit that changed the schedule.</summary>
    /// <param name="changes">The changes.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="timers"/> (pending rows), those that have no scheduled firing (none, or one that would never run).</summary>
    /// <param name="timers">Pending timer rows.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<IReadOnlyList<PendingTimer>> WithoutFiringAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this node holds a firing of <paramref name="timer"/> that runs here once it is due and its turn comes
    /// (an overdue timer waiting behind others after downtime): the sweep does not take such a firing over as stuck.
    /// </summary>
    /// <param name="timer">A pending timer row.</param>
    bool HoldsFiring(PendingTimer timer);

    /// <summary>
    /// Schedules a firing of each timer at its due time (an overdue one fires at once). A firing it already had may stay:
    /// firing is idempotent, so the second one finds the timer fired and does nothing.
    /// </summary>
    /// <param name="timers">Pending timer rows.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task ScheduleTimersAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken);

    /// <summary>Removes the scheduled firings of these timers, if they have any (an operator's repair, the tests' lost firing).</summary>
    /// <param name="timerIds">Timer ids.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task UnscheduleTimersAsync(IReadOnlyList<string> timerIds, CancellationToken cancellationToken);
}
