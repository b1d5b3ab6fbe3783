namespace Orchestrator.Cases.OpenDoor;

/// <summary>A record a contact may be the child of, for a counsellor to decide: never linked by itself.</summary>
/// <param name="RecordId">The record.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="Alias">Its alias.</param>
/// <param name="Zone">Its zone.</param>
/// <param name="ApproximateAge">Its estimated age.</param>
/// <param name="Score">Higher is likelier (3 the same alias, 2 an alias that starts the other, 2 the same zone, 1 an age within the tolerance).</param>
/// <param name="Reasons">What matched: <c>alias</c>, <c>zone</c>, <c>age</c>.</param>
public sealed record RecordSuggestion(string RecordId, string Reference, string Alias, string Zone, int? ApproximateAge, int Score, IReadOnlyList<string> Reasons);
