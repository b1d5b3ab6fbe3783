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
