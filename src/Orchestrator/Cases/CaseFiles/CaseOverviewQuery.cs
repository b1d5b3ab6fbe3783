namespace Orchestrator.Cases.CaseFiles;

/// <summary>Which cases the list shows (<c>GET /api/cases/overview</c>, the page <c>/cases</c>).</summary>
/// <param name="Phase">One phase (<see cref="CasePhases"/>); <c>null</c>: every phase but <c>closed</c>.</param>
/// <param name="FacilityId">Only children placed in this facility or foster family.</param>
/// <param name="Educator">Only children with this reference educator (as the case stores it).</param>
public sealed record CaseOverviewQuery(string? Phase = null, string? FacilityId = null, string? Educator = null);
