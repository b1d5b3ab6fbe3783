namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:exclusiveGateway</c>: the first flow whose condition holds, else the default.</summary>
public sealed class ExclusiveGateway : Gateway
{
    /// <inheritdoc/>
    public override string Kind => "exclusiveGateway";
}
