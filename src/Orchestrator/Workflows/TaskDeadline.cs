namespace Orchestrator.Workflows;

/// <summary>A deadline still to come in a journey: a pending timer (a reminder, an escalation, a limit) with its date.</summary>
/// <param name="ElementId">The timer event.</param>
/// <param name="Name">Its name in the journey.</param>
/// <param name="Due">When it falls due.</param>
public sealed record TaskDeadline(string ElementId, string? Name, DateTimeOffset Due);
