namespace Orchestrator.Engine.Model;

/// <summary>A root <c>bpmn:escalation</c>.</summary>
/// <param name="Id">The element id.</param>
/// <param name="Name">The human-readable name.</param>
/// <param name="EscalationCode">The code matched against thrown escalations; <c>null</c> catches every escalation.</param>
public sealed record EscalationDeclaration(string Id, string? Name, string? EscalationCode);
