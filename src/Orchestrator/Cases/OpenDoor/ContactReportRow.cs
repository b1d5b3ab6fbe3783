namespace Orchestrator.Cases.OpenDoor;

/// <summary>One line of the monthly outreach report.</summary>
/// <param name="Team">The outreach team.</param>
/// <param name="Zone">The zone.</param>
/// <param name="Contacts">Contacts made.</param>
public sealed record ContactReportRow(string Team, string Zone, int Contacts);
