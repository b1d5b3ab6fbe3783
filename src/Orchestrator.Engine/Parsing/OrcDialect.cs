namespace Orchestrator.Engine.Parsing;

/// <summary>
/// Every <c>orc:</c> attribute and extension element the parser reads (namespace <c>urn:orchestrator:bpmn:1.0</c>).
/// The parser asks for <c>orc</c> names only through <see cref="Known"/>, so a name read without being listed here
/// fails every parse; the designer's moddle descriptor (<c>src/Orchestrator/Designer/orc-moddle.json</c>) is checked
/// against these lists by a test, so the designer and the engine speak the same dialect.
/// </summary>
public static class OrcDialect
{
    /// <summary><c>orc:type</c>: the handler a service, send or business rule task runs.</summary>
    public const string Type = "type";

    /// <summary><c>orc:retries</c>: attempts before a failing job becomes an incident.</summary>
    public const string Retries = "retries";

    /// <summary><c>orc:assignee</c>.</summary>
    public const string Assignee = "assignee";

    /// <summary><c>orc:candidateGroups</c>.</summary>
    public const string CandidateGroups = "candidateGroups";

    /// <summary><c>orc:candidateUsers</c>.</summary>
    public const string CandidateUsers = "candidateUsers";

    /// <summary><c>orc:dueDate</c>.</summary>
    public const string DueDate = "dueDate";

    /// <summary><c>orc:followUpDate</c>.</summary>
    public const string FollowUpDate = "followUpDate";

    /// <summary><c>orc:priority</c>.</summary>
    public const string Priority = "priority";

    /// <summary><c>orc:formKey</c>.</summary>
    public const string FormKey = "formKey";

    /// <summary><c>orc:externalRecipient</c>: an outside recipient who completes a user task through a link.</summary>
    public const string ExternalRecipient = "externalRecipient";

    /// <summary><c>orc:template</c>: a send task's notification template.</summary>
    public const string Template = "template";

    /// <summary><c>orc:to</c>: a send task's recipients.</summary>
    public const string To = "to";

    /// <summary><c>orc:language</c>: the recipient's language (send tasks, user tasks with an outside recipient).</summary>
    public const string Language = "language";

    /// <summary><c>orc:correlationKey</c>: on messages, message events and receive tasks.</summary>
    public const string CorrelationKey = "correlationKey";

    /// <summary><c>orc:calledElement</c>: the process a call activity calls (when not in BPMN's own attribute).</summary>
    public const string CalledElement = "calledElement";

    /// <summary><c>orc:calledElementBinding</c>: <c>latest</c> or <c>version</c>.</summary>
    public const string CalledElementBinding = "calledElementBinding";

    /// <summary><c>orc:calledElementVersion</c>: the pinned version.</summary>
    public const string CalledElementVersion = "calledElementVersion";

    /// <summary><c>orc:collection</c>: a multi-instance input collection.</summary>
    public const string Collection = "collection";

    /// <summary><c>orc:elementVariable</c>: the variable each multi-instance instance sees its item as.</summary>
    public const string ElementVariable = "elementVariable";

    /// <summary><c>orc:outputCollection</c>: the list multi-instance results are gathered in.</summary>
    public const string OutputCollection = "outputCollection";

    /// <summary><c>orc:outputElement</c>: the FEEL result of each multi-instance instance.</summary>
    public const string OutputElement = "outputElement";

    /// <summary><c>orc:resultVariable</c>: where a script task's result goes.</summary>
    public const string ResultVariable = "resultVariable";

    /// <summary><c>orc:script</c>: a script task's FEEL, when not in <c>bpmn:script</c>.</summary>
    public const string Script = "script";

    /// <summary><c>orc:reminder</c>: a duration (once) or cycle after a task is created; each firing sends a reminder.</summary>
    public const string Reminder = "reminder";

    /// <summary><c>orc:escalateAfter</c>: a duration or date-time; then the task is escalated (it stays open).</summary>
    public const string EscalateAfter = "escalateAfter";

    /// <summary><c>orc:escalateTo</c>: the group an escalated task is offered to (default <c>coordinator</c>).</summary>
    public const string EscalateTo = "escalateTo";

    /// <summary><c>orc:notify</c>: whom the host emails when a user task is created: <c>assignee</c>, <c>candidates</c> or <c>none</c>.</summary>
    public const string Notify = "notify";

    /// <summary><c>orc:input</c> (extension element): an input mapping, attributes <c>target</c> and <c>source</c>.</summary>
    public const string InputElement = "input";

    /// <summary><c>orc:output</c> (extension element): an output mapping, attributes <c>target</c> and <c>source</c>.</summary>
    public const string OutputElementName = "output";

    /// <summary><c>orc:in</c> (extension element of a call activity): a variable passed to the child.</summary>
    public const string InElement = "in";

    /// <summary><c>orc:out</c> (extension element of a call activity): a variable copied back from the child.</summary>
    public const string OutElement = "out";

    /// <summary>The default group of <see cref="EscalateTo"/>.</summary>
    public const string DefaultEscalationGroup = "coordinator";

    /// <summary>Every <c>orc:</c> attribute the parser reads, by local name.</summary>
    public static IReadOnlySet<string> Attributes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Type, Retries, Assignee, CandidateGroups, CandidateUsers, DueDate, FollowUpDate, Priority, FormKey, ExternalRecipient,
        Template, To, Language, CorrelationKey, CalledElement, CalledElementBinding, CalledElementVersion, Collection,
        ElementVariable, OutputCollection, OutputElement, ResultVariable, Script, Reminder, EscalateAfter, EscalateTo, Notify,
    };

    /// <summary>Every <c>orc:</c> extension element the parser reads, by local name, with the attributes it reads on it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ExtensionElements { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [InputElement] = ["target", "source"],
        [OutputElementName] = ["target", "source"],
        [InElement] = ["source", "sourceExpression", "target", "variables", "businessKey"],
        [OutElement] = ["source", "sourceExpression", "target", "variables"],
    };

    /// <summary>The name, checked against <see cref="Attributes"/>: the one way the parser names an <c>orc</c> attribute.</summary>
    /// <param name="name">The local name.</param>
    /// <exception cref="InvalidOperationException">The name is not in the dialect (a parser change that forgot the list and the designer's descriptor).</exception>
    internal static string Known(string name) =>
        Attributes.Contains(name) ? name
            : throw new InvalidOperationException($"The parser reads orc:{name}, which OrcDialect does not list; add it there and to src/Orchestrator/Designer/orc-moddle.json.");
}
