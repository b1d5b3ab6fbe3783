namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:intermediateCatchEvent</c> (timer or message).</summary>
public sealed class IntermediateCatchEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "intermediateCatchEvent";
}
