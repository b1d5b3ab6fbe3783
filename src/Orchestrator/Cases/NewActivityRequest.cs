namespace Orchestrator.Cases;

/// <summary>A life-plan activity (POST /api/cases/{id}/life-plan/objectives/{objectiveId}/activities).</summary>
/// <param name="Description">The activity.</param>
/// <param name="StartsOn">Start.</param>
/// <param name="EndsOn">End.</param>
/// <param name="Status">Status (default planned).</param>
public sealed record NewActivityRequest(string? Description, DateOnly? StartsOn, DateOnly? EndsOn, string? Status);
