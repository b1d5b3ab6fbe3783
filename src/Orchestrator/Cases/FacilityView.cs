namespace Orchestrator.Cases;

/// <summary>A facility with its occupancy.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Capacity">Capacity.</param>
/// <param name="Occupied">Children placed there now.</param>
/// <param name="MinAge">Youngest age.</param>
/// <param name="MaxAge">Oldest age.</param>
/// <param name="Sex">Who it admits.</param>
/// <param name="City">City.</param>
public sealed record FacilityView(string Id, string Name, string Kind, int Capacity, int Occupied, int MinAge, int MaxAge, string Sex, string? City);
