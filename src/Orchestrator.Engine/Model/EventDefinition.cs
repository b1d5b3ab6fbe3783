#pragma warning disable SA1402 // a family of small records: the event definitions, one small record per kind of EventDefinition.
namespace Orchestrator.Engine.Model;

/// <summary>What triggers (catch) or results from (throw) an event.</summary>
public abstract record EventDefinition;

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
