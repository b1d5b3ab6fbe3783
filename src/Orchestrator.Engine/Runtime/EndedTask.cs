namespace Orchestrator.Engine.Runtime;

/// <summary>A user task that ended.</summary>
/// <param name="Id">The task id.</param>
/// <param name="ElementId">The element id.</param>
/// <param name="Reason">Completed or cancelled.</param>
/// <param name="UserId">Who completed it, if known.</param>
public sealed record EndedTask(string Id, string ElementId, TaskEndReason Reason, string? UserId);
