namespace Orchestrator.Engine.Parsing;

/// <summary>The stable codes of the problems <see cref="BpmnParser"/> reports. Severity is error unless noted.</summary>
public static class ParseCodes
{
    /// <summary>Not well-formed XML (or empty); the message carries the line and position.</summary>
    public const string XmlMalformed = "xml-malformed";

    /// <summary>The file declares a DTD (<c>&lt;!DOCTYPE</c>), the door to external entities and entity expansion bombs.</summary>
    public const string XmlDtdForbidden = "xml-dtd-forbidden";

    /// <summary>The file is larger than 5 MiB.</summary>
    public const string XmlTooLarge = "xml-too-large";

    /// <summary>Elements are nested more than 200 levels deep.</summary>
    public const string XmlTooDeep = "xml-too-deep";

    /// <summary>The stream could not be read.</summary>
    public const string XmlUnreadable = "xml-unreadable";

    /// <summary>The root is not <c>bpmn:definitions</c> in the BPMN 2.0 namespace (an HTML page, another XML format, a wrong namespace).</summary>
    public const string NotBpmn = "not-bpmn";

    /// <summary>An id is used by more than one element of the file.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>A process, flow node, flow, message, error or escalation has no id.</summary>
    public const string MissingId = "missing-id";

    /// <summary>
    /// An element the engine does not run: complex gateway, compensation, transaction, ad-hoc sub-process,
    /// choreography, signal/conditional/link/cancel events, multiple events, standard loops, business rule
    /// task without <c>orc:type</c>.
    /// </summary>
    public const string UnsupportedElement = "unsupported-element";

    /// <summary>An attribute value the engine does not support (Camunda 7 external tasks, script resources, CMMN, a version tag binding).</summary>
    public const string UnsupportedAttribute = "unsupported-attribute";

    /// <summary>
    /// A Camunda 7 extension element that needs Java or is not supported (listeners, connectors: error;
    /// <c>failedJobRetryTimeCycle</c>, <c>formData</c>: warning, ignored), or a Camunda 8 <c>zeebe:*</c>
    /// element that is not read (warning, ignored).
    /// </summary>
    public const string UnsupportedExtension = "unsupported-extension";

    /// <summary>A script or condition in a language other than FEEL.</summary>
    public const string UnsupportedScriptFormat = "unsupported-script-format";

    /// <summary><c>camunda:class</c>, <c>camunda:delegateExpression</c>, <c>camunda:expression</c> and the like: Java code.</summary>
    public const string JavaRequired = "java-required";

    /// <summary>A JUEL expression (<c>${…}</c>, <c>#{…}</c>) where Orchestrator expects FEEL.</summary>
    public const string JuelExpression = "juel-expression";

    /// <summary>Warning: an <c>orc:</c> attribute or extension element that is not in <see cref="OrcDialect"/> (a misspelling); ignored.</summary>
    public const string UnknownAttribute = "unknown-attribute";

    /// <summary>Warning: a BPMN element inside a process that Orchestrator does not know; ignored.</summary>
    public const string UnknownElement = "unknown-element";

    /// <summary>A reference (messageRef, errorRef, escalationRef) to an id not defined in the file.</summary>
    public const string UnresolvedReference = "unresolved-reference";

    /// <summary>A sequence flow without source or target, to a missing node, across a sub-process boundary, into a start or boundary event or out of an end event.</summary>
    public const string InvalidSequenceFlow = "invalid-sequence-flow";

    /// <summary>A boundary event without <c>attachedToRef</c>, or attached to a missing element or one in another scope.</summary>
    public const string BoundaryNotAttached = "boundary-not-attached";

    /// <summary>A boundary event attached to something other than an activity.</summary>
    public const string BoundaryInvalidAttachment = "boundary-invalid-attachment";

    /// <summary>A <c>default</c> that is not an outgoing flow of the element, or on an element that cannot have one.</summary>
    public const string InvalidDefaultFlow = "invalid-default-flow";

    /// <summary>A timer with more than one of timeDate, timeDuration and timeCycle.</summary>
    public const string InvalidTimer = "invalid-timer";

    /// <summary>An attribute that does not have the required form (retries that are not a number, a bad pinned version).</summary>
    public const string InvalidAttribute = "invalid-attribute";

    /// <summary>An input/output or call activity mapping without its name, source or target.</summary>
    public const string InvalidMapping = "invalid-mapping";

    /// <summary>Warning: a sequence flow's condition is empty; it is treated as unconditional (reported by the validator, which knows whether the flow needed one).</summary>
    public const string EmptyCondition = "empty-condition";

    /// <summary>
    /// Warning: a user task's <c>humanPerformer</c> or <c>potentialOwner</c> that cannot be read as an assignee or candidates
    /// (parameter bindings, a language other than FEEL, a reference to no resource); it is ignored.
    /// </summary>
    public const string ResourceAssignmentIgnored = "resource-assignment-ignored";
}
