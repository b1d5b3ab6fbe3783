namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:endEvent</c> (none, terminate, error, escalation or message).</summary>
public sealed class EndEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "endEvent";
}
