namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:subProcess</c>: embedded, or an event sub-process when <see cref="TriggeredByEvent"/>.</summary>
public sealed class SubProcess : Activity
{
    /// <inheritdoc/>
    public override string Kind => TriggeredByEvent ? "eventSubProcess" : "subProcess";

    /// <summary><c>triggeredByEvent</c>: the sub-process starts when its start event's trigger happens in the enclosing scope.</summary>
    public bool TriggeredByEvent { get; init; }

    /// <summary>The elements inside.</summary>
    public FlowScope Body { get; internal set; } = FlowScope.Empty;
}
