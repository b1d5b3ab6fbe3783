namespace Orchestrator.Engine.Model;

/// <summary>A root <c>bpmn:error</c>: the code a thrown BPMN error is matched by.</summary>
/// <param name="Id">The element id.</param>
/// <param name="Name">The human-readable name.</param>
/// <param name="ErrorCode">The code matched against thrown errors; <c>null</c> catches every error.</param>
public sealed record ErrorDeclaration(string Id, string? Name, string? ErrorCode);
