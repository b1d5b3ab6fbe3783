namespace Orchestrator.Persistence;

/// <summary>An incident (table <c>incidents</c>).</summary>
public sealed class IncidentRecord
{
    /// <summary>The incident id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The element.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The kind.</summary>
    public string Type { get; set; } = "";

    /// <summary>What went wrong.</summary>
    public string Message { get; set; } = "";

    /// <summary><c>open</c> or <c>resolved</c>.</summary>
    public string Status { get; set; } = IncidentStatuses.Open;

    /// <summary>When it was raised.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}
