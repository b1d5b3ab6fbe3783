namespace Orchestrator.Tasks;

/// <summary>
/// A half-filled task form (table <c>task_drafts</c>), one per task and person, sealed with the service's
/// data-protection keys: the row holds ciphertext only. Deleted when the task ends or goes to someone else, and after
/// <see cref="TaskDrafts.Lifetime"/>.
/// </summary>
public sealed class TaskDraftRecord
{
    /// <summary>The task.</summary>
    public string TaskId { get; set; } = "";

    /// <summary>Whose draft it is (account id).</summary>
    public string UserId { get; set; } = "";

    /// <summary>The form data, protected (base64url of the data-protection payload).</summary>
    public string Content { get; set; } = "";

    /// <summary>When it was last saved.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
