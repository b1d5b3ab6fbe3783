namespace Orchestrator.Engine.Model;

/// <summary>A gateway: splits or joins flows. Which flows a split takes is decided in one place in the runtime.</summary>
public abstract class Gateway : FlowNode
{
    /// <summary>The flow taken when no condition holds (exclusive and inclusive gateways only).</summary>
    public SequenceFlow? Default { get; internal set; }
}

/// <summary>A <c>bpmn:exclusiveGateway</c>: the first flow whose condition holds, else the default.</summary>
public sealed class ExclusiveGateway : Gateway
{
    /// <inheritdoc/>
    public override string Kind => "exclusiveGateway";
}

/// <summary>A <c>bpmn:parallelGateway</c>: all flows out; waits for all flows in.</summary>
public sealed class ParallelGateway : Gateway
{
    /// <inheritdoc/>
    public override string Kind => "parallelGateway";
}

/// <summary>A <c>bpmn:inclusiveGateway</c>: every flow whose condition holds; waits for the tokens that can still arrive.</summary>
public sealed class InclusiveGateway : Gateway
{
    /// <inheritdoc/>
    public override string Kind => "inclusiveGateway";
}

/// <summary>A <c>bpmn:eventBasedGateway</c>: waits for the first of the events that follow it.</summary>
public sealed class EventBasedGateway : Gateway
{
    /// <inheritdoc/>
    public override string Kind => "eventBasedGateway";
}
