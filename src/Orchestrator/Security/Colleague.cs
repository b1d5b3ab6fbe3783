namespace Orchestrator.Security;

/// <summary>A member of staff a task can be handed to.</summary>
/// <param name="Id">The account id (what a task's assignee holds).</param>
/// <param name="Name">The name people know them by.</param>
/// <param name="Roles">Their casework roles.</param>
public sealed record Colleague(string Id, string Name, IReadOnlyList<string> Roles);
