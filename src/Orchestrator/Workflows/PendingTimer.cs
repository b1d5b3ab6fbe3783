namespace Orchestrator.Workflows;

/// <summary>A pending timer row, as the scheduler needs it.</summary>
/// <param name="Id">The timer id (what <see cref="WorkflowService.FireTimerAsync"/> takes).</param>
/// <param name="InstanceId">The instance; <c>null</c> for a timer start event.</param>
/// <param name="ElementId">The timer event.</param>
/// <param name="Due">When it falls due.</param>
public sealed record PendingTimer(string Id, string? InstanceId, string ElementId, DateTimeOffset Due);
