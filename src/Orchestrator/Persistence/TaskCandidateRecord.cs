namespace Orchestrator.Persistence;

/// <summary>
/// A candidate group or user of a task (table <c>user_task_candidates</c>). It carries copies of the task's inbox keys
/// (offered, due, priority, created) so that "the unclaimed open tasks of group g, in inbox order" is one range of the
/// index <c>ix_user_task_candidates_inbox</c> read with a LIMIT, instead of a join that sorts every open task of the
/// group (an inbox over 100,000 open tasks). <see cref="Orchestrator.Workflows.WorkflowService"/> keeps the copies in step
/// with the task row in the same transaction (migration <c>20261122000300_InboxSortKeys</c> filled them for older rows).
/// </summary>
public sealed class TaskCandidateRecord
{
    /// <summary>The task.</summary>
    public string TaskId { get; set; } = "";

    /// <summary><c>group</c> or <c>user</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The group (role) or user id.</summary>
    public string Name { get; set; } = "";

    /// <summary>The task is open and nobody holds it: it is in this candidate's inbox.</summary>
    public bool Offered { get; set; }

    /// <summary>Copy of <see cref="TaskRecord.DueSort"/>.</summary>
    public long DueSort { get; set; } = long.MaxValue;

    /// <summary>Copy of <see cref="TaskRecord.Priority"/>.</summary>
    public int Priority { get; set; }

    /// <summary>Copy of <see cref="TaskRecord.CreatedAt"/>.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
