namespace Orchestrator.Workflows;

/// <summary>Where the work went after a task was completed: an open task of the same journey (or the one it called or returned to).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="ProcessId">Its journey.</param>
/// <param name="ElementId">Its element.</param>
/// <param name="Name">Its name in the journey.</param>
/// <param name="CandidateGroups">The groups whose inbox it is in (unclaimed).</param>
/// <param name="Assignee">Who holds it, if anyone.</param>
/// <param name="AssigneeName">Who, by name.</param>
/// <param name="ExternalRecipient">The outside recipient answering it through a link, if it is theirs.</param>
public sealed record TaskNextStep(string TaskId, string ProcessId, string ElementId, string? Name, IReadOnlyList<string> CandidateGroups, string? Assignee, string? AssigneeName, string? ExternalRecipient);
