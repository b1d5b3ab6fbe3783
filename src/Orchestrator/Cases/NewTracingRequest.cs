namespace Orchestrator.Cases;

/// <summary>A step of family tracing (POST /api/cases/{id}/family-tracing), as the family-tracing form records it.</summary>
/// <param name="FamilyFound">Whether family was found.</param>
/// <param name="FamilyLocation">mexico, country-of-origin or third-country (required when found).</param>
/// <param name="Notes">Notes.</param>
public sealed record NewTracingRequest(bool FamilyFound, string? FamilyLocation, string? Notes);
