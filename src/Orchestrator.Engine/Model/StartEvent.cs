namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:startEvent</c>, of a process, a sub-process or an event sub-process.</summary>
public sealed class StartEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "startEvent";

    /// <summary>For an event sub-process's start: whether it cancels the enclosing scope (<c>isInterrupting</c>, default true).</summary>
    public bool IsInterrupting { get; init; } = true;
}
