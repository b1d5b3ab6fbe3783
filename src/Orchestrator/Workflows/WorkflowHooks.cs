using System.Text.Json.Nodes;
using Orchestrator.Forms;

namespace Orchestrator.Workflows;

/// <summary>A pending timer row, as the scheduler needs it.</summary>
/// <param name="Id">The timer id (what <see cref="WorkflowService.FireTimerAsync"/> takes).</param>
/// <param name="InstanceId">The instance; <c>null</c> for a timer start event.</param>
/// <param name="ElementId">The timer event.</param>
/// <param name="Due">When it falls due.</param>
public sealed record PendingTimer(string Id, string? InstanceId, string ElementId, DateTimeOffset Due);

/// <summary>A job that falls due later (a retry back-off), as the scheduler needs it.</summary>
/// <param name="Id">The job id (what <see cref="WorkflowService.RunJobAsync"/> takes).</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Due">Not before this time.</param>
public sealed record PendingJob(string Id, string InstanceId, DateTimeOffset Due);

/// <summary>What one committed command changed in the schedule.</summary>
/// <param name="TimersScheduled">New pending timers.</param>
/// <param name="TimersRemoved">Timers fired or cancelled.</param>
/// <param name="JobsScheduled">Jobs that fall due later (immediate ones run right after the commit).</param>
public sealed record WorkflowScheduleChanges(IReadOnlyList<PendingTimer> TimersScheduled, IReadOnlyList<string> TimersRemoved, IReadOnlyList<PendingJob> JobsScheduled)
{
    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => TimersScheduled.Count == 0 && TimersRemoved.Count == 0 && JobsScheduled.Count == 0;
}

/// <summary>
/// Told after every commit which timers and later jobs appeared or went (the Quartz scheduler implements it; register
/// yours as a singleton to replace the default no-op). The timer rows stay the truth: a missed call is repaired by
/// rescheduling <see cref="WorkflowService.ListPendingTimersAsync"/> at start-up.
/// </summary>
public interface IWorkflowScheduler
{
    /// <summary>Called after a commit that changed the schedule.</summary>
    /// <param name="changes">The changes.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken);
}

/// <summary>The default scheduler hook: does nothing.</summary>
public sealed class NullWorkflowScheduler : IWorkflowScheduler
{
    /// <inheritdoc/>
    public Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Validates the data a task is completed with against the task's form (adapter over the form catalog).</summary>
public interface ITaskFormValidator
{
    /// <summary>Checks the data; returns the errors (empty when valid). Unknown form keys are the validator's call.</summary>
    /// <param name="formKey">The task's form key.</param>
    /// <param name="data">The submitted variables.</param>
    /// <param name="taskVariables">
    /// What the task sees, i.e. what its form was opened with: read-only fields must keep these values, options
    /// and bounds may come from them, and hide conditions read them.
    /// </param>
    IReadOnlyList<FormFieldError> Validate(string formKey, JsonObject data, JsonObject taskVariables);
}
