namespace Orchestrator.Engine.Model;

/// <summary>An event, activity or gateway: something a token can be at.</summary>
public abstract class FlowNode : FlowElement
{
    /// <summary>Sequence flows arriving here.</summary>
    public IReadOnlyList<SequenceFlow> Incoming { get; internal set; } = [];

    /// <summary>Sequence flows leaving here.</summary>
    public IReadOnlyList<SequenceFlow> Outgoing { get; internal set; } = [];

    /// <summary>Input mappings applied in a new local scope on entry (<c>orc:input</c>, <c>camunda:inputParameter</c>).</summary>
    public IReadOnlyList<VariableMapping> Inputs { get; init; } = [];

    /// <summary>Output mappings applied to the enclosing scope on completion (<c>orc:output</c>, <c>camunda:outputParameter</c>).</summary>
    public IReadOnlyList<VariableMapping> Outputs { get; init; } = [];
}
