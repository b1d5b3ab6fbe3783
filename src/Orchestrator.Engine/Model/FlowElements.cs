namespace Orchestrator.Engine.Model;

/// <summary>Anything with an id inside a process: a flow node or a sequence flow.</summary>
public abstract class FlowElement
{
    /// <summary>The BPMN id; problems, history and tasks refer to elements by it.</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public string? Name { get; init; }

    /// <summary>The process this element belongs to.</summary>
    public ProcessDefinition Process { get; internal set; } = null!;

    /// <summary>The sub-process directly containing this element; <c>null</c> at process level.</summary>
    public SubProcess? Parent { get; internal set; }

    /// <summary>The BPMN element's local name (<c>userTask</c>, <c>exclusiveGateway</c>…), for messages and history.</summary>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Id}";
}

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

/// <summary>
/// One variable mapping: <see cref="Target"/> receives the value of the FEEL expression <see cref="Source"/>.
/// </summary>
/// <param name="Target">The variable name written.</param>
/// <param name="Source">FEEL text evaluated in the scope the mapping reads from.</param>
public sealed record VariableMapping(string Target, string Source);

/// <summary>
/// An attribute value that is either a literal string or, when written with a leading <c>=</c>, FEEL.
/// </summary>
/// <param name="Text">The literal, or the FEEL text without its leading <c>=</c>.</param>
/// <param name="IsFeel">Whether <see cref="Text"/> is FEEL.</param>
public sealed record ValueExpression(string Text, bool IsFeel)
{
    /// <summary>Reads an attribute value: <c>=expr</c> is FEEL, anything else a literal.</summary>
    /// <param name="raw">The attribute text.</param>
    public static ValueExpression Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var trimmed = raw.TrimStart();
        return trimmed.StartsWith('=') ? new ValueExpression(trimmed[1..].Trim(), true) : new ValueExpression(raw, false);
    }

    /// <inheritdoc/>
    public override string ToString() => IsFeel ? "=" + Text : Text;
}
