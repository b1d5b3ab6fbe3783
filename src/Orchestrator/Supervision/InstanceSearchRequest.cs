namespace Orchestrator.Supervision;

/// <summary>A search of the instances of a case (<c>POST /api/instances/search</c>): the reference goes in the body, never the URL.</summary>
/// <param name="CaseReference">The case reference.</param>
public sealed record InstanceSearchRequest(string? CaseReference);
