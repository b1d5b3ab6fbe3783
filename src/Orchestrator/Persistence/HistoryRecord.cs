namespace Orchestrator.Persistence;

/// <summary>One audit-trail entry (table <c>history</c>, append only).</summary>
public sealed class HistoryRecord
{
    /// <summary>The global sequence (ascending in insertion order).</summary>
    public long Sequence { get; set; }

    /// <summary>The instance; <c>null</c> for entries about no instance (deployments).</summary>
    public string? InstanceId { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What happened (an engine <c>HistoryEventType</c>, or <c>InstanceRead</c>, <c>HistoryRead</c>, <c>DefinitionDeployed</c>).</summary>
    public string Type { get; set; } = "";

    /// <summary>The element.</summary>
    public string? ElementId { get; set; }

    /// <summary>The task, timer, job, incident or subscription id.</summary>
    public string? ItemId { get; set; }

    /// <summary>Who acted.</summary>
    public string? UserId { get; set; }

    /// <summary>More detail, as a JSON object.</summary>
    public string? Detail { get; set; }
}
