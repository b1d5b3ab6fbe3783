namespace Orchestrator.Cases.OpenDoor;

/// <summary>What a list of pseudonymous records shows (never the link to a case file).</summary>
/// <param name="Id">The record.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="Alias">Its alias.</param>
/// <param name="ApproximateAge">Its estimated age.</param>
/// <param name="Zone">Its zone.</param>
/// <param name="Status">Where the child is in the open door.</param>
/// <param name="Contacts">Outreach contacts linked.</param>
/// <param name="Episodes">Stays in pre-community so far.</param>
public sealed record OpenDoorRecordSummary(string Id, string Reference, string Alias, int? ApproximateAge, string Zone, string Status, int Contacts, int Episodes);
