namespace Orchestrator.Cases;

/// <summary>A facility (POST /api/facilities).</summary>
/// <param name="Id">Its id (a short slug).</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">first-reception, long-term, group-home.</param>
/// <param name="Capacity">Capacity (default and ceiling: the kind's setting).</param>
/// <param name="MinAge">Youngest age (default: the kind's).</param>
/// <param name="MaxAge">Oldest age (default: the kind's).</param>
/// <param name="Sex">any (default), female, male.</param>
/// <param name="City">City.</param>
public sealed record NewFacilityRequest(string? Id, string? Name, string? Kind, int? Capacity, int? MinAge, int? MaxAge, string? Sex, string? City);
