namespace Orchestrator.Engine.Model;

/// <summary>A gateway: splits or joins flows. Which flows a split takes is decided in one place in the runtime.</summary>
public abstract class Gateway : FlowNode
{
    /// <summary>The flow taken when no condition holds (exclusive and inclusive gateways only).</summary>
    public SequenceFlow? Default { get; internal set; }
}
