namespace Orchestrator.Cases.CaseFiles;

/// <summary>The body of <c>POST /api/cases/{id}/journey</c> (optional).</summary>
/// <param name="ConsulateId">The consulate the journey would ask; default: the one of the child's nationality.</param>
public sealed record StartJourneyRequest(string? ConsulateId);
