using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Simulation;

/// <summary>What a simulated instance looks like at one moment, as an <c>expect</c> step sees it.</summary>
public sealed record InstanceSnapshot
{
    /// <summary>Elements waiting now: user and receive tasks, catch events, event-based gateways, call activities.</summary>
    public required IReadOnlyCollection<string> Active { get; init; }

    /// <summary>Elements that have completed at least once.</summary>
    public required IReadOnlySet<string> Completed { get; init; }

    /// <summary>Whether the instance has ended (completed, terminated or cancelled).</summary>
    public required bool Ended { get; init; }

    /// <summary>The process-level variables.</summary>
    public required JsonObject Variables { get; init; }

    /// <summary>The open user tasks.</summary>
    public required IReadOnlyList<TaskSnapshot> Tasks { get; init; }

    /// <summary>Elements with an open incident.</summary>
    public required IReadOnlyCollection<string> Incidents { get; init; }

    /// <summary>Reminders sent so far, by task element.</summary>
    public IReadOnlyDictionary<string, int> Reminders { get; init; } = new Dictionary<string, int>();

    /// <summary>Task elements escalated so far.</summary>
    public IReadOnlyCollection<string> Escalated { get; init; } = [];
}
