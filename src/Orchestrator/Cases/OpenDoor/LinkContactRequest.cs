namespace Orchestrator.Cases.OpenDoor;

/// <summary>A counsellor's decision that a contact was the child of a record (POST /api/open-door/contacts/{id}/link).</summary>
/// <param name="RecordId">The record (id or reference).</param>
public sealed record LinkContactRequest(string? RecordId);
