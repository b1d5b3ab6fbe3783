namespace Orchestrator.Engine.Model;

/// <summary>A task, sub-process or call activity: something that does work and can carry boundary events and multi-instance.</summary>
public abstract class Activity : FlowNode
{
    /// <summary>Boundary events attached to this activity.</summary>
    public IReadOnlyList<BoundaryEvent> BoundaryEvents { get; internal set; } = [];

    /// <summary>Multi-instance characteristics; <c>null</c> for a single instance.</summary>
    public MultiInstance? MultiInstance { get; init; }

    /// <summary>
    /// The extension attributes of the element (<c>orc:*</c>, and the supported <c>camunda:*</c> ones under their
    /// <c>orc</c> name), by local name. Typed properties cover what the engine runs; this keeps the rest for the host.
    /// </summary>
    public IReadOnlyDictionary<string, string> Extensions { get; init; } = new Dictionary<string, string>();
}
