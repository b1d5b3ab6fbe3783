namespace Orchestrator.Engine.Model;

/// <summary>
/// The elements directly inside a process or a sub-process: its flow nodes, sequence flows, the start
/// events a token enters by, and the event sub-processes that listen while the scope is active.
/// </summary>
public sealed class FlowScope
{
    /// <summary>A scope with nothing in it.</summary>
    public static FlowScope Empty { get; } = new();

    /// <summary>Flow nodes directly in this scope, in document order (event sub-processes included).</summary>
    public IReadOnlyList<FlowNode> Nodes { get; internal set; } = [];

    /// <summary>Sequence flows directly in this scope.</summary>
    public IReadOnlyList<SequenceFlow> Flows { get; internal set; } = [];

    /// <summary>Start events of the scope itself (not those of its event sub-processes).</summary>
    public IReadOnlyList<StartEvent> StartEvents { get; internal set; } = [];

    /// <summary>Event sub-processes (<c>triggeredByEvent="true"</c>) of this scope.</summary>
    public IReadOnlyList<SubProcess> EventSubProcesses { get; internal set; } = [];
}
