namespace Orchestrator.Cases;

/// <summary>What a list of cases shows: no names, birth date, story or profile flags (those need a read of the one case, which is audited).</summary>
/// <param name="Id">The case id.</param>
/// <param name="Reference">The case reference (<c>CA-2026-0001</c>).</param>
/// <param name="Phase">The phase.</param>
/// <param name="PhaseSince">Since when.</param>
/// <param name="PlacementType">The kind of placement, if placed.</param>
/// <param name="PlacementId">The facility or family.</param>
/// <param name="PlacementSince">Since when.</param>
/// <param name="ReferenceEducator">The reference educator.</param>
public sealed record CaseSummary(string Id, string Reference, string Phase, DateTimeOffset PhaseSince, string? PlacementType, string? PlacementId, DateTimeOffset? PlacementSince, string? ReferenceEducator);
