namespace Orchestrator.Cases.OpenDoor;

/// <summary>A child arriving at pre-community (POST /api/open-door/records/{id}/arrivals): the addresses the journey's notices go to, if any.</summary>
/// <param name="CoordinatorEmail">The coordinator's address.</param>
/// <param name="SocialWorkerEmail">The social worker's address.</param>
public sealed record ArrivalRequest(string? CoordinatorEmail, string? SocialWorkerEmail);
