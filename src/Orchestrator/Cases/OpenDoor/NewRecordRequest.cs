namespace Orchestrator.Cases.OpenDoor;

/// <summary>A pseudonymous record (POST /api/open-door/records): the alias, an approximate age and the zone; never a name.</summary>
/// <param name="Alias">The alias (required).</param>
/// <param name="ApproximateAge">The estimated age.</param>
/// <param name="Sex"><c>female</c>, <c>male</c> or <c>other</c> (default).</param>
/// <param name="Zone">The zone where the child is usually met (required).</param>
/// <param name="ContactId">A contact to link to the new record.</param>
public sealed record NewRecordRequest(string? Alias, int? ApproximateAge, string? Sex, string? Zone, Guid? ContactId);
