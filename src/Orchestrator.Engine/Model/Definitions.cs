namespace Orchestrator.Engine.Model;

/// <summary>
/// One parsed BPMN file: its processes and the root elements they share (messages, errors, escalations).
/// The model is plain data: expressions are kept as text and compiled by the runtime, so the model
/// can be built, validated and inspected without evaluating anything.
/// </summary>
public sealed class Definitions
{
    /// <summary>The file or source name used in problem reports (for example <c>workflows/child-journey.bpmn</c>).</summary>
    public required string SourceName { get; init; }

    /// <summary>The <c>definitions/@id</c>, when present.</summary>
    public string? Id { get; init; }

    /// <summary>Every process in the file, executable or not, in document order.</summary>
    public IReadOnlyList<ProcessDefinition> Processes { get; internal set; } = [];

    /// <summary>Root <c>bpmn:message</c> elements by id.</summary>
    public IReadOnlyDictionary<string, MessageDeclaration> Messages { get; internal set; } = new Dictionary<string, MessageDeclaration>();

    /// <summary>Root <c>bpmn:error</c> elements by id.</summary>
    public IReadOnlyDictionary<string, ErrorDeclaration> Errors { get; internal set; } = new Dictionary<string, ErrorDeclaration>();

    /// <summary>Root <c>bpmn:escalation</c> elements by id.</summary>
    public IReadOnlyDictionary<string, EscalationDeclaration> Escalations { get; internal set; } = new Dictionary<string, EscalationDeclaration>();

    /// <summary>Whether the file carries diagram layout (BPMNDI), so it opens in bpmn-js as drawn.</summary>
    public bool HasDiagram { get; internal set; }

    /// <summary>
    /// Expressions the parser already refused (JUEL, a language other than FEEL), by the id of the element a
    /// designer clicks and the trimmed text: the validator does not check them again, so that one problem is
    /// reported once.
    /// </summary>
    internal HashSet<(string ElementId, string Text)> RefusedExpressions { get; } = [];

    /// <summary>
    /// Elements whose way of doing their work the parser already reported on (Java code, an external task, a
    /// script in another language or from a resource, a condition it cannot run, a resource assignment it
    /// cannot read): the validator does not add that the work is missing.
    /// </summary>
    internal HashSet<string> ReportedImplementations { get; } = new(StringComparer.Ordinal);
}
