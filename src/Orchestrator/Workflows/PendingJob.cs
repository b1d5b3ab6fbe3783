namespace Orchestrator.Workflows;

/// <summary>A job that falls due later (a retry back-off), as the scheduler needs it.</summary>
/// <param name="Id">The job id (what <see cref="WorkflowService.RunJobAsync"/> takes).</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Due">Not before this time.</param>
public sealed record PendingJob(string Id, string InstanceId, DateTimeOffset Due);
