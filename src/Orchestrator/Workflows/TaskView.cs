
namespace Orchestrator.Workflows;

/// <summary>An open user task as the inbox shows it.</summary>
public sealed record TaskView(
    string Id,
    string ElementId,
    string? Name,
    string InstanceId,
    IReadOnlyList<string> CandidateGroups,
    string? Assignee,
    DateTimeOffset? Due,
    string? FormKey)
{
    /// <summary>Priority (50 by default).</summary>
    public int Priority { get; init; }

    /// <summary>When the task was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>The process id.</summary>
    public string ProcessId { get; init; } = "";

    /// <summary>The business key of the instance.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>Candidate users.</summary>
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    /// <summary>Email of an outside recipient who completes the task through a link.</summary>
    public string? ExternalRecipient { get; init; }

    /// <summary>The assignee's name as people know them (the staff account's display name, else its user name).</summary>
    public string? AssigneeName { get; init; }
}
