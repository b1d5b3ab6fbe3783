namespace Orchestrator.Engine.Model;

/// <summary>A start, end, intermediate or boundary event; its trigger or result is its <see cref="Definition"/>.</summary>
public abstract class EventNode : FlowNode
{
    /// <summary>The one event definition; <c>null</c> for a none event.</summary>
    public EventDefinition? Definition { get; init; }
}

/// <summary>A <c>bpmn:startEvent</c>, of a process, a sub-process or an event sub-process.</summary>
public sealed class StartEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "startEvent";

    /// <summary>For an event sub-process's start: whether it cancels the enclosing scope (<c>isInterrupting</c>, default true).</summary>
    public bool IsInterrupting { get; init; } = true;
}

/// <summary>A <c>bpmn:endEvent</c> (none, terminate, error, escalation or message).</summary>
public sealed class EndEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "endEvent";
}

/// <summary>A <c>bpmn:intermediateCatchEvent</c> (timer or message).</summary>
public sealed class IntermediateCatchEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "intermediateCatchEvent";
}

/// <summary>A <c>bpmn:intermediateThrowEvent</c> (none, message, escalation).</summary>
public sealed class IntermediateThrowEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "intermediateThrowEvent";
}

/// <summary>A <c>bpmn:boundaryEvent</c> attached to an activity.</summary>
public sealed class BoundaryEvent : EventNode
{
    /// <inheritdoc/>
    public override string Kind => "boundaryEvent";

    /// <summary>The activity this event is attached to.</summary>
    public Activity AttachedTo { get; internal set; } = null!;

    /// <summary><c>cancelActivity</c> (default true): an interrupting event cancels the activity it is attached to.</summary>
    public bool CancelActivity { get; init; } = true;
}

/// <summary>What triggers (catch) or results from (throw) an event.</summary>
public abstract record EventDefinition;

/// <summary>When a <see cref="TimerEventDefinition"/> falls due.</summary>
public enum TimerKind
{
    /// <summary><c>timeDate</c>: an absolute date-time.</summary>
    Date,

    /// <summary><c>timeDuration</c>: a duration from when the timer is created.</summary>
    Duration,

    /// <summary><c>timeCycle</c>: a repetition such as <c>R3/P2D</c> or <c>R/P14D</c>.</summary>
    Cycle,
}

/// <summary>A timer: ISO 8601 text, or FEEL when written with a leading <c>=</c>.</summary>
/// <param name="Kind">Date, duration or cycle.</param>
/// <param name="Value">The ISO 8601 literal or FEEL expression.</param>
public sealed record TimerEventDefinition(TimerKind Kind, ValueExpression Value) : EventDefinition;

/// <summary>A message catch or throw.</summary>
/// <param name="Message">The referenced root message; <c>null</c> when the reference is missing (a validation error for catches).</param>
/// <param name="CorrelationKey">The correlation key expression on the element (<c>orc:correlationKey</c>), else the message's.</param>
public sealed record MessageEventDefinition(MessageDeclaration? Message, ValueExpression? CorrelationKey) : EventDefinition;

/// <summary>A BPMN error catch or throw.</summary>
/// <param name="Error">The referenced root error; <c>null</c> on a catch means "every error".</param>
public sealed record ErrorEventDefinition(ErrorDeclaration? Error) : EventDefinition;

/// <summary>An escalation catch or throw.</summary>
/// <param name="Escalation">The referenced root escalation; <c>null</c> on a catch means "every escalation".</param>
public sealed record EscalationEventDefinition(EscalationDeclaration? Escalation) : EventDefinition;

/// <summary>A terminate end event: ends every token of its scope.</summary>
public sealed record TerminateEventDefinition : EventDefinition;
