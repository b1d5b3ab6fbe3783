namespace Orchestrator.Cases;

/// <summary>A life-plan objective (POST /api/cases/{id}/life-plan/objectives).</summary>
/// <param name="Programme">education, independent-living, personal-growth.</param>
/// <param name="Horizon">short, medium, long.</param>
/// <param name="Description">The objective.</param>
public sealed record NewObjectiveRequest(string? Programme, string? Horizon, string? Description);
