namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:boundaryEvent</c> attached to an activity.</summary>
public sealed class BoundaryEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "boundaryEvent";

    /// <summary>The activity this event is attached to.</summary>
    public Activity AttachedTo { get; internal set; } = null!;

    /// <summary><c>cancelActivity</c> (default true): an interrupting event cancels the activity it is attached to.</summary>
    public bool CancelActivity { get; init; } = true;
}
