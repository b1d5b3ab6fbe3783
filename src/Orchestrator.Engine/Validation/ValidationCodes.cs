namespace Orchestrator.Engine.Validation;

/// <summary>
/// The stable codes of the problems the validator reports (the parser's own codes, such as
/// <c>xml-malformed</c>, <c>unsupported-element</c> or <c>juel-expression</c>, are listed in
/// <see cref="Parsing.ParseCodes"/>). Severity is error unless noted.
/// </summary>
public static class ValidationCodes
{
    /// <summary>Warning: the file has no executable process.</summary>
    public const string NoExecutableProcess = "no-executable-process";

    /// <summary>Two executable processes among the files share an id.</summary>
    public const string DuplicateProcessId = "duplicate-process-id";

    /// <summary>A process has no start event at all.</summary>
    public const string NoStartEvent = "no-start-event";

    /// <summary>Warning: a process has start events but no none start event, so it can only be started by its message or timer.</summary>
    public const string NoNoneStartEvent = "no-none-start-event";

    /// <summary>A process or sub-process has more than one none start event.</summary>
    public const string MultipleNoneStartEvents = "multiple-none-start-events";

    /// <summary>An embedded sub-process does not have exactly one none start event, or an event sub-process not exactly one triggered start event.</summary>
    public const string SubProcessStartEvent = "subprocess-start-event";

    /// <summary>An event sub-process has incoming or outgoing sequence flows.</summary>
    public const string EventSubProcessFlow = "event-subprocess-flow";

    /// <summary>An event has a definition its kind or place cannot have (a timer end event, an error start event in a process…), or lacks one it needs.</summary>
    public const string EventDefinitionNotAllowed = "event-definition-not-allowed";

    /// <summary>A flow node cannot be reached from any start event, event sub-process or boundary event.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>A gateway has no outgoing flow (error); a task or event other than an end event has none (warning: the path ends there).</summary>
    public const string MissingOutgoing = "missing-outgoing";

    /// <summary>A flow leaving an exclusive or inclusive gateway with several outgoing flows has no condition and is not the default.</summary>
    public const string MissingCondition = "missing-condition";

    /// <summary>Warning: a sequence flow's condition is empty (where the flow needs no condition); it is treated as unconditional.</summary>
    public const string EmptyCondition = Parsing.ParseCodes.EmptyCondition;

    /// <summary>Warning: a default flow has a condition, which is ignored.</summary>
    public const string DefaultFlowCondition = "default-flow-condition";

    /// <summary>Warning: a flow leaving a parallel or event-based gateway has a condition, which is ignored.</summary>
    public const string ConditionIgnored = "condition-ignored";

    /// <summary>An expression (condition, mapping, script, multi-instance field, <c>=…</c> attribute, timer) is not valid FEEL.</summary>
    public const string FeelSyntax = "feel-syntax";

    /// <summary>A timer event has no timeDate, timeDuration or timeCycle value.</summary>
    public const string TimerMissing = "timer-missing";

    /// <summary>A timer value is neither FEEL (<c>=…</c>) nor a valid ISO 8601 date-time, duration or cycle for its kind.</summary>
    public const string InvalidTimer = "invalid-timer";

    /// <summary>A user task's literal due or follow-up date is neither an ISO 8601 date-time nor a duration.</summary>
    public const string InvalidDate = "invalid-date";

    /// <summary>
    /// A task's <c>orc:reminder</c> is not a duration or cycle, its <c>orc:escalateAfter</c> not a duration or date-time,
    /// or its <c>orc:escalateTo</c> is empty (error); <c>orc:escalateTo</c> without <c>orc:escalateAfter</c> (warning).
    /// </summary>
    public const string InvalidReminder = "invalid-reminder";

    /// <summary>A message catch (receive task, message start, intermediate or boundary event) has no message.</summary>
    public const string MessageMissing = "message-missing";

    /// <summary>The message a catch refers to has no name to correlate by.</summary>
    public const string MessageNameMissing = "message-name-missing";

    /// <summary>Warning: a message catch inside a running instance has no correlation key, so any message of that name reaches every waiting instance.</summary>
    public const string CorrelationKeyMissing = "correlation-key-missing";

    /// <summary>An error end event has no error.</summary>
    public const string ErrorMissing = "error-missing";

    /// <summary>An escalation end or throw event has no escalation.</summary>
    public const string EscalationMissing = "escalation-missing";

    /// <summary>A call activity names no process.</summary>
    public const string CalledElementMissing = "called-element-missing";

    /// <summary>
    /// Warning: a call activity's (literal) process is not among the validated files. It may already be
    /// deployed, so this does not block deployment; the call fails with an incident if it is not.
    /// </summary>
    public const string CalledProcessUnknown = "called-process-unknown";

    /// <summary>An event-based gateway is followed by something other than a timer or message catch event or a receive task.</summary>
    public const string EventGatewayTarget = "event-gateway-target";

    /// <summary>A boundary event is attached to something that cannot carry one (for example an event sub-process).</summary>
    public const string BoundaryInvalidAttachment = "boundary-invalid-attachment";

    /// <summary>A multi-instance activity has neither a collection nor a cardinality.</summary>
    public const string MultiInstanceInput = "multi-instance-missing-input";

    /// <summary>A multi-instance activity has an element variable but no collection, or an output element without output collection.</summary>
    public const string MultiInstanceVariable = "multi-instance-variable";

    /// <summary>Warning: a user task has neither an assignee nor candidate users or groups, so nobody sees it in an inbox.</summary>
    public const string UserTaskUnassigned = "user-task-unassigned";

    /// <summary>A service task (or business rule task) has no <c>orc:type</c> naming its handler.</summary>
    public const string ServiceTaskTypeMissing = "service-task-type-missing";

    /// <summary>A send task has neither <c>orc:template</c> nor <c>orc:type</c>.</summary>
    public const string SendTaskTemplateMissing = "send-task-template-missing";

    /// <summary>Warning: a notification send task has no <c>orc:to</c>.</summary>
    public const string SendTaskRecipientMissing = "send-task-recipient-missing";

    /// <summary>A script task has no script.</summary>
    public const string ScriptMissing = "script-missing";

    /// <summary>An attribute value is out of its allowed range (for example negative retries).</summary>
    public const string InvalidAttribute = "invalid-attribute";
}
