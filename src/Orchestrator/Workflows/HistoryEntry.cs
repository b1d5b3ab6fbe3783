using System.Text.Json.Nodes;

namespace Orchestrator.Workflows;

/// <summary>One entry of an instance's audit trail.</summary>
public sealed record HistoryEntry(long Sequence, DateTimeOffset At, string Type, string? ElementId, string? UserId, JsonObject? Detail)
{
    /// <summary>The instance.</summary>
    public string InstanceId { get; init; } = "";

    /// <summary>The task, timer, job, incident or subscription id the entry is about.</summary>
    public string? ItemId { get; init; }
}
