namespace Orchestrator.Cases.OpenDoor;

/// <summary>The monthly report of street outreach: how many contacts each team made in each zone.</summary>
/// <param name="Month">The month (<c>2026-11</c>), in the organisation's time zone.</param>
/// <param name="From">Its first instant.</param>
/// <param name="To">The first instant after it.</param>
/// <param name="Total">Contacts in the month.</param>
/// <param name="Children">Distinct children among them, as far as counsellors linked contacts to records (unlinked contacts count once each).</param>
/// <param name="Rows">Per team and zone, by team then zone.</param>
public sealed record ContactReport(string Month, DateTimeOffset From, DateTimeOffset To, int Total, int Children, IReadOnlyList<ContactReportRow> Rows);
