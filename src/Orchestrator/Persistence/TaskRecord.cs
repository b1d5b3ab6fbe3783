namespace Orchestrator.Persistence;

/// <summary>A user task (table <c>user_tasks</c>); open ones make the inbox.</summary>
public sealed class TaskRecord
{
    /// <summary>The task id (<c>{instanceId}:{n}</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The business key of the instance.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>The user task element id.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The element name.</summary>
    public string? Name { get; set; }

    /// <summary>The assignee.</summary>
    public string? Assignee { get; set; }

    /// <summary>Due date.</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>Follow-up date.</summary>
    public DateTimeOffset? FollowUp { get; set; }

    /// <summary>Priority.</summary>
    public int Priority { get; set; }

    /// <summary>The inbox's first sort key: <see cref="Due"/> as UTC ticks, <see cref="long.MaxValue"/> without one (see <see cref="DueSortOf"/>).</summary>
    public long DueSort { get; set; } = long.MaxValue;

    /// <summary>Form key.</summary>
    public string? FormKey { get; set; }

    /// <summary>Email of an outside recipient who completes the task through a link.</summary>
    public string? ExternalRecipient { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary><c>open</c>, <c>completed</c> or <c>cancelled</c>.</summary>
    public string Status { get; set; } = TaskStatuses.Open;

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Who completed it.</summary>
    public string? EndedBy { get; set; }

    /// <summary>Candidate groups and users.</summary>
    public List<TaskCandidateRecord> Candidates { get; set; } = [];

    /// <summary>
    /// The due date as one non-null, index-ordered number: tasks without a due date sort last on every provider (SQLite
    /// puts NULL first, PostgreSQL last), and the inbox order becomes (due_sort, priority desc, created_at, id).
    /// </summary>
    /// <param name="due">The due date.</param>
    public static long DueSortOf(DateTimeOffset? due) => due?.UtcTicks ?? long.MaxValue;

    /// <summary>Copies the inbox keys of this task into its candidate rows (see <see cref="TaskCandidateRecord"/>).</summary>
    public void SyncCandidates()
    {
        foreach (var c in Candidates)
        {
            c.Offered = Status == TaskStatuses.Open && Assignee is null;
            c.DueSort = DueSort;
            c.Priority = Priority;
            c.CreatedAt = CreatedAt;
        }
    }
}
