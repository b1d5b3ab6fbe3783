namespace Orchestrator.Engine.Model;

/// <summary>
/// A <c>bpmn:process</c>. Its body is the top-level <see cref="FlowScope"/>; sub-processes nest their own.
/// </summary>
public sealed class ProcessDefinition
{
    /// <summary>The process id: the key versions are deployed under and instances are started by.</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public string? Name { get; init; }

    /// <summary><c>isExecutable</c>; only executable processes are deployed and run.</summary>
    public bool IsExecutable { get; init; }

    /// <summary>The file this process came from.</summary>
    public required Definitions Definitions { get; init; }

    /// <summary>The process's own elements (not those of nested sub-processes: see <see cref="AllElements"/>).</summary>
    public FlowScope Body { get; internal set; } = FlowScope.Empty;

    /// <summary>Every flow node and sequence flow at every nesting level, by id.</summary>
    public IReadOnlyDictionary<string, FlowElement> AllElements { get; internal set; } = new Dictionary<string, FlowElement>();

    /// <summary>Finds a flow node anywhere in the process; <c>null</c> when there is none with that id.</summary>
    /// <param name="id">The element id.</param>
    public FlowNode? FindNode(string id) => AllElements.TryGetValue(id, out var e) ? e as FlowNode : null;

    /// <inheritdoc/>
    public override string ToString() => Id;
}
