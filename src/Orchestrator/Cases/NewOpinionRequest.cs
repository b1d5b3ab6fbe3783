namespace Orchestrator.Cases;

/// <summary>The child's opinion (POST /api/cases/{id}/opinions).</summary>
/// <param name="Decision">The decision it is about.</param>
/// <param name="Opinion">The opinion.</param>
public sealed record NewOpinionRequest(string? Decision, string? Opinion);
