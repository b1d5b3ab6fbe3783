namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:inclusiveGateway</c>: every flow whose condition holds; waits for the tokens that can still arrive.</summary>
public sealed class InclusiveGateway : Gateway
{
    /// <inheritdoc/>
    public override string Kind => "inclusiveGateway";
}
