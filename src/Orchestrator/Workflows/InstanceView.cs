using System.Text.Json.Nodes;

namespace Orchestrator.Workflows;

/// <summary>A process instance as the API shows it.</summary>
public sealed record InstanceView(
    string Id,
    string ProcessId,
    int Version,
    string? BusinessKey,
    string Status,
    IReadOnlyList<string> Active,
    JsonObject Variables,
    IReadOnlyList<IncidentView> Incidents)
{
    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The calling instance, for instances started by a call activity.</summary>
    public string? ParentId { get; init; }
}
