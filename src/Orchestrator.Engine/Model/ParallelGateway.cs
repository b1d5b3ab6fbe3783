namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:parallelGateway</c>: all flows out; waits for all flows in.</summary>
public sealed class ParallelGateway : Gateway
{
    /// <inheritdoc/>
    public override string Kind => "parallelGateway";
}
