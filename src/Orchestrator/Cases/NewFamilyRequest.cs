namespace Orchestrator.Cases;

/// <summary>A family that answered the public call (POST /api/foster-families).</summary>
/// <param name="Id">Its id (default: generated); the certification journey's <c>familyId</c>.</param>
/// <param name="Reference">Its reference (letters carry it; required, unique).</param>
/// <param name="Name">Name (required).</param>
/// <param name="Culture">Culture.</param>
/// <param name="Languages">Languages, comma-separated.</param>
/// <param name="Capacity">How many children (required).</param>
/// <param name="PreferredMinAge">Youngest preferred age.</param>
/// <param name="PreferredMaxAge">Oldest preferred age.</param>
/// <param name="HouseholdNotes">Notes.</param>
/// <param name="Email">Email.</param>
public sealed record NewFamilyRequest(string? Id, string? Reference, string? Name, string? Culture, string? Languages, int? Capacity, int? PreferredMinAge, int? PreferredMaxAge, string? HouseholdNotes, string? Email);
