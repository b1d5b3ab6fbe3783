namespace Orchestrator.Cases;

/// <summary>A restitution measure (POST /api/cases/{id}/restitution-measures).</summary>
/// <param name="RightConcerned">The right concerned.</param>
/// <param name="Measure">The measure.</param>
/// <param name="ResponsibleInstitution">The institution.</param>
/// <param name="ResponsiblePerson">The person.</param>
/// <param name="StartDate">Start.</param>
/// <param name="DueDate">Due.</param>
/// <param name="Status">Status (default planned).</param>
public sealed record NewMeasureRequest(string? RightConcerned, string? Measure, string? ResponsibleInstitution, string? ResponsiblePerson, DateOnly? StartDate, DateOnly? DueDate, string? Status);
