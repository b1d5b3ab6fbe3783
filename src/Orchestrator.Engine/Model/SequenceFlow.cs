namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:sequenceFlow</c>.</summary>
public sealed class SequenceFlow : FlowElement
{
    /// <inheritdoc/>
    public override string Kind => "sequenceFlow";

    /// <summary>Where the flow leaves from.</summary>
    public FlowNode Source { get; internal set; } = null!;

    /// <summary>Where the flow goes.</summary>
    public FlowNode Target { get; internal set; } = null!;

    /// <summary>
    /// The <c>conditionExpression</c> as FEEL text (a leading <c>=</c> already removed); <c>null</c> when
    /// the flow is unconditional.
    /// </summary>
    public string? Condition { get; init; }

    /// <summary>Whether the source gateway or activity names this flow as its <c>default</c>.</summary>
    public bool IsDefault { get; internal set; }

    /// <summary>Whether the flow has a <c>conditionExpression</c> with nothing in it (then <see cref="Condition"/> is <c>null</c>).</summary>
    internal bool HasEmptyCondition { get; init; }
}
