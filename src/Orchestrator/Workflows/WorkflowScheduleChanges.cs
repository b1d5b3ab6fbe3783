namespace Orchestrator.Workflows;

/// <summary>What one committed command changed in the schedule.</summary>
/// <param name="TimersScheduled">New pending timers.</param>
/// <param name="TimersRemoved">Timers fired or cancelled.</param>
/// <param name="JobsScheduled">Jobs that fall due later (immediate ones run right after the commit).</param>
public sealed record WorkflowScheduleChanges(IReadOnlyList<PendingTimer> TimersScheduled, IReadOnlyList<string> TimersRemoved, IReadOnlyList<PendingJob> JobsScheduled)
{
    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => TimersScheduled.Count == 0 && TimersRemoved.Count == 0 && JobsScheduled.Count == 0;
}
