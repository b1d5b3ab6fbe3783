namespace Orchestrator.Persistence;

/// <summary>Incident statuses.</summary>
public static class IncidentStatuses
{
    /// <summary>Open.</summary>
    public const string Open = "open";

    /// <summary>Resolved.</summary>
    public const string Resolved = "resolved";
}
