using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Runtime;

/// <summary>An open user task.</summary>
public sealed class UserTaskState
{
    /// <summary>The number within the instance (public id: <see cref="ProcessInstanceState.PublicId"/>).</summary>
    public int Id { get; set; }

    /// <summary>The execution waiting for it.</summary>
    public int Exec { get; set; }

    /// <summary>The user task element id.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>The assignee.</summary>
    public string? Assignee { get; set; }

    /// <summary>Candidate users.</summary>
    public List<string> CandidateUsers { get; set; } = [];

    /// <summary>Candidate groups.</summary>
    public List<string> CandidateGroups { get; set; } = [];

    /// <summary>Due date.</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>Follow-up date.</summary>
    public DateTimeOffset? FollowUp { get; set; }

    /// <summary>Priority (the engine gives Camunda's default, 50, when the element names none).</summary>
    public int Priority { get; set; }

    /// <summary>Form key.</summary>
    public string? FormKey { get; set; }

    /// <summary>Email of an outside recipient who completes the task through a link.</summary>
    public string? External { get; set; }

    /// <summary>When the task was created.</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>Whom the host emails about the task (<c>orc:notify</c>, resolved at creation); absent in documents written before it existed.</summary>
    public Model.TaskNotify Notify { get; set; }

    /// <summary>The outside recipient's language (<c>orc:language</c>, evaluated at creation).</summary>
    public string? Language { get; set; }
}
