namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:eventBasedGateway</c>: waits for the first of the events that follow it.</summary>
public sealed class EventBasedGateway : Gateway
{
    /// <inheritdoc/>
    public override string Kind => "eventBasedGateway";
}
