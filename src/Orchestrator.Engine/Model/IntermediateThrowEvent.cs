namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:intermediateThrowEvent</c> (none, message, escalation).</summary>
public sealed class IntermediateThrowEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "intermediateThrowEvent";
}
