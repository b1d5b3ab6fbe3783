namespace Orchestrator.Workflows;

/// <summary>One task as <c>GET /api/tasks/{id}</c> and the task page show it, open or ended, with people named.</summary>
/// <param name="Task">The task (its candidates, assignee and its name, due date, form key, case reference).</param>
/// <param name="Status"><c>open</c>, <c>completed</c> or <c>cancelled</c>.</param>
public sealed record TaskDetails(TaskView Task, string Status)
{
    /// <summary>The version of the journey the task's instance runs (for its diagram).</summary>
    public int ProcessVersion { get; init; }

    /// <summary>When the task ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Who completed it (account id).</summary>
    public string? EndedBy { get; init; }

    /// <summary>Who completed it, by name.</summary>
    public string? EndedByName { get; init; }

    /// <summary>Whether the asker may complete it now (it is open and theirs, or unclaimed and offered to them).</summary>
    public bool MayComplete { get; init; }

    /// <summary>Whether the asker may claim it now (open, unclaimed, offered to them; or a coordinator's).</summary>
    public bool MayClaim { get; init; }

    /// <summary>Whether the asker may give it back (they hold it, or they are a coordinator and someone does).</summary>
    public bool MayUnclaim { get; init; }

    /// <summary>Whether the asker may hand it to a colleague (coordinators and admins, while it is open).</summary>
    public bool MayAssign { get; init; }
}
