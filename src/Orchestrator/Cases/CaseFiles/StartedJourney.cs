namespace Orchestrator.Cases.CaseFiles;

/// <summary>The answer of <c>POST /api/cases/{id}/journey</c>.</summary>
/// <param name="InstanceId">The <c>child-journey</c> instance started.</param>
public sealed record StartedJourney(string InstanceId);
