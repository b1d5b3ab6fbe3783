namespace Orchestrator.Engine.Runtime;

/// <summary>A user task as the inbox shows it.</summary>
/// <param name="Id">The task id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The user task element id.</param>
/// <param name="Name">The element name.</param>
public sealed record UserTaskInfo(string Id, string InstanceId, string ElementId, string? Name)
{
    /// <summary>The process id.</summary>
    public string ProcessId { get; init; } = "";

    /// <summary>The business key of the instance.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>The assignee.</summary>
    public string? Assignee { get; init; }

    /// <summary>Candidate users.</summary>
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    /// <summary>Candidate groups.</summary>
    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    /// <summary>Due date.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>Follow-up date.</summary>
    public DateTimeOffset? FollowUp { get; init; }

    /// <summary>Priority.</summary>
    public int Priority { get; init; }

    /// <summary>Form key.</summary>
    public string? FormKey { get; init; }

    /// <summary>Email of an outside recipient who completes the task through a link.</summary>
    public string? ExternalRecipient { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Whom the host emails when the task is created (<c>orc:notify</c>; default: the assignee when there is one, else nobody).</summary>
    public Model.TaskNotify Notify { get; init; }

    /// <summary>The outside recipient's language (<c>orc:language</c>), <c>null</c> when the element names none.</summary>
    public string? Language { get; init; }
}
