using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;

namespace Orchestrator.Engine.Validation;

/// <summary>Checks of events, gateways and sequence flows.</summary>
internal sealed partial class ProcessChecker
{
    private void CheckNode(FlowNode node)
    {
        CheckOutgoing(node);
        foreach (var mapping in node.Inputs)
        {
            CheckFeel(node.Id, mapping.Source, $"Input mapping '{mapping.Target}' of '{node.Id}'");
        }

        foreach (var mapping in node.Outputs)
        {
            CheckFeel(node.Id, mapping.Source, $"Output mapping '{mapping.Target}' of '{node.Id}'");
        }

        switch (node)
        {
            case EventNode e:
                CheckEvent(e);
                break;
            case Gateway g:
                CheckGateway(g);
                break;
            case Activity a:
                CheckActivity(a);
                break;
            default:
                break;
        }
    }

    private void CheckOutgoing(FlowNode node)
    {
        if (node.Outgoing.Count > 0 || node is EndEvent || (node is SubProcess { TriggeredByEvent: true }))
        {
            return;
        }

        if (node is Gateway && node.Incoming.Count == 0)
        {
            // Not connected at all: one problem, reported as unreachable.
        }
        else if (node is Gateway)
        {
            Error(node.Id, ValidationCodes.MissingOutgoing, $"{node.Kind} '{node.Id}' has no outgoing sequence flow; a token arriving there would have nowhere to go.");
        }
        else
        {
            Warning(node.Id, ValidationCodes.MissingOutgoing, $"{node.Kind} '{node.Id}' has no outgoing sequence flow; the path ends there (an end event makes that explicit).");
        }
    }

    private void CheckEvent(EventNode e)
    {
        var d = e.Definition;
        switch (e)
        {
            case EndEvent when d is TimerEventDefinition:
                Error(e.Id, ValidationCodes.EventDefinitionNotAllowed, $"End event '{e.Id}' cannot be a timer event.");
                break;
            case IntermediateCatchEvent when d is null or ErrorEventDefinition or EscalationEventDefinition or TerminateEventDefinition:
                Error(e.Id, ValidationCodes.EventDefinitionNotAllowed,
                    $"Intermediate catch event '{e.Id}' is a {DefinitionName(d)} event; an intermediate catch event waits for a timer or a message.");
                break;
            case IntermediateThrowEvent when d is TimerEventDefinition or ErrorEventDefinition or TerminateEventDefinition:
                Error(e.Id, ValidationCodes.EventDefinitionNotAllowed,
                    $"Intermediate throw event '{e.Id}' is a {DefinitionName(d)} event; an intermediate throw event is none, message or escalation.");
                break;
            case BoundaryEvent b:
                if (d is null or TerminateEventDefinition)
                {
                    Error(e.Id, ValidationCodes.EventDefinitionNotAllowed, $"Boundary event '{e.Id}' is a {DefinitionName(d)} event; boundary events are timer, message, error or escalation events.");
                }
                else if (d is ErrorEventDefinition && !b.CancelActivity)
                {
                    Error(e.Id, ValidationCodes.EventDefinitionNotAllowed, $"Error boundary event '{e.Id}' must be interrupting (cancelActivity=\"true\"): an error always ends the activity.");
                }

                if (b.AttachedTo is SubProcess { TriggeredByEvent: true })
                {
                    Error(e.Id, ValidationCodes.BoundaryInvalidAttachment, $"Boundary event '{e.Id}' is attached to event sub-process '{b.AttachedTo.Id}'; event sub-processes cannot carry boundary events.");
                }

                break;
            default:
                break;
        }

        switch (d)
        {
            case TimerEventDefinition timer:
                CheckTimer(e.Id, timer);
                break;
            case MessageEventDefinition message:
                var catches = e is StartEvent or IntermediateCatchEvent or BoundaryEvent;
                if (catches)
                {
                    CheckMessageCatch(e.Id, message.Message, message.CorrelationKey, e is not StartEvent || e.Parent is { TriggeredByEvent: true });
                }
                else if (message.CorrelationKey is { IsFeel: true } key)
                {
                    CheckFeel(e.Id, key.Text, $"Correlation key of '{e.Id}'");
                }

                break;
            case ErrorEventDefinition { Error: null } when e is EndEvent && !ImplementationReported(e.Id):
                Error(e.Id, ValidationCodes.ErrorMissing, $"Error end event '{e.Id}' has no error; choose (or create) the error it throws, with its code.");
                break;
            case EscalationEventDefinition { Escalation: null } when (e is EndEvent or IntermediateThrowEvent) && !ImplementationReported(e.Id):
                Error(e.Id, ValidationCodes.EscalationMissing, $"Escalation event '{e.Id}' throws no escalation; choose (or create) the escalation it throws.");
                break;
            default:
                break;
        }
    }

    private void CheckMessageCatch(string elementId, MessageDeclaration? message, ValueExpression? correlationKey, bool needsKey)
    {
        if (message is null)
        {
            if (ImplementationReported(elementId))
            {
                return; // its messageRef names no message of the file: reported by the parser
            }

            Error(elementId, ValidationCodes.MessageMissing, $"'{elementId}' waits for a message but names none; choose (or create) the message it waits for.");
            return;
        }

        if (string.IsNullOrWhiteSpace(message.Name))
        {
            Error(elementId, ValidationCodes.MessageNameMissing, $"'{elementId}' waits for message '{message.Id}', which has no name; messages are correlated by name.");
        }
        else if (message.Name.TrimStart().StartsWith('='))
        {
            CheckFeel(elementId, message.Name.TrimStart()[1..], $"Name of message '{message.Id}'");
        }

        if (correlationKey is null)
        {
            if (needsKey)
            {
                Warning(elementId, ValidationCodes.CorrelationKeyMissing,
                    $"'{elementId}' waits for message '{message.Name}' without a correlation key (orc:correlationKey); a message with that name would reach every waiting instance.");
            }
        }
        else if (correlationKey.IsFeel)
        {
            CheckFeel(elementId, correlationKey.Text, $"Correlation key of '{elementId}'");
        }
    }

    private void CheckTimer(string elementId, TimerEventDefinition timer)
    {
        var value = timer.Value;
        if (Refused(elementId, value.Text))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value.Text))
        {
            Error(elementId, ValidationCodes.TimerMissing, $"Timer event '{elementId}' has no value; give it a date (timeDate), a duration (timeDuration) or a cycle (timeCycle).");
            return;
        }

        if (value.IsFeel)
        {
            CheckFeel(elementId, value.Text, $"Timer of '{elementId}'");
            return;
        }

        var text = value.Text.Trim();
        switch (timer.Kind)
        {
            case TimerKind.Date when !IsoTimer.TryParseDateTime(text, out _):
                Error(elementId, ValidationCodes.InvalidTimer,
                    $"Timer date '{text}' of '{elementId}' is not an ISO 8601 date-time (for example 2026-01-31T09:00:00Z) nor FEEL (write FEEL with a leading '=').");
                break;
            case TimerKind.Duration when !IsoTimer.TryParseDuration(text, out _):
                Error(elementId, ValidationCodes.InvalidTimer,
                    $"Timer duration '{text}' of '{elementId}' is not an ISO 8601 duration (for example P45D, PT24H, P1DT12H) nor FEEL (write FEEL with a leading '=').");
                break;
            case TimerKind.Cycle when !IsoTimer.TryParseCycle(text, out _):
                Error(elementId, ValidationCodes.InvalidTimer,
                    $"Timer cycle '{text}' of '{elementId}' is not an ISO 8601 repeating interval (for example R/P14D, R3/PT24H, R3/2026-01-01T09:00:00Z/P1D) nor FEEL{(text.Contains(' ', StringComparison.Ordinal) ? "; cron expressions are not supported" : string.Empty)}.");
                break;
            default:
                break;
        }
    }

    // ---------------------------------------------------------------- gateways and flows

    private void CheckGateway(Gateway gateway)
    {
        switch (gateway)
        {
            case ExclusiveGateway or InclusiveGateway when gateway.Outgoing.Count > 1 && gateway.Default is null:
                foreach (var flow in gateway.Outgoing.Where(f => f.Condition is null && !ImplementationReported(f.Id)))
                {
                    conditionReported.Add(flow.Id);
                    Error(flow.Id, ValidationCodes.MissingCondition,
                        $"Sequence flow '{flow.Id}' leaves {gateway.Kind} '{gateway.Id}' {WithoutCondition(flow)}, and the gateway has no default flow; give it a condition or make it the default.");
                }

                break;
            case ExclusiveGateway or InclusiveGateway when gateway.Outgoing.Count > 1:
                foreach (var flow in gateway.Outgoing.Where(f => f.Condition is null && !f.IsDefault && !ImplementationReported(f.Id)))
                {
                    conditionReported.Add(flow.Id);
                    Error(flow.Id, ValidationCodes.MissingCondition,
                        $"Sequence flow '{flow.Id}' leaves {gateway.Kind} '{gateway.Id}' {WithoutCondition(flow)} and is not the default flow; give it a condition.");
                }

                break;
            case ParallelGateway or EventBasedGateway:
                foreach (var flow in gateway.Outgoing.Where(f => f.Condition is not null))
                {
                    Warning(flow.Id, ValidationCodes.ConditionIgnored, $"Sequence flow '{flow.Id}' leaves {gateway.Kind} '{gateway.Id}' with a condition, which is ignored: every flow is taken.");
                }

                break;
            default:
                break;
        }

        if (gateway is EventBasedGateway)
        {
            foreach (var flow in gateway.Outgoing)
            {
                var target = flow.Target;
                var ok = target is ReceiveTask or UnsupportedFlowNode
                    || (target is IntermediateCatchEvent c && c.Definition is TimerEventDefinition or MessageEventDefinition);
                if (!ok)
                {
                    Error(target.Id, ValidationCodes.EventGatewayTarget,
                        $"{target.Kind} '{target.Id}' follows event-based gateway '{gateway.Id}'; only timer or message intermediate catch events and receive tasks can follow one.");
                }
            }

            if (gateway.Outgoing.Count == 1)
            {
                Warning(gateway.Id, ValidationCodes.EventGatewayTarget, $"Event-based gateway '{gateway.Id}' has a single outgoing flow; it needs at least two events to choose between.");
            }
        }
    }

    private static string WithoutCondition(SequenceFlow flow) => flow.HasEmptyCondition ? "with an empty condition" : "without a condition";

    private void CheckFlow(SequenceFlow flow)
    {
        if (flow.HasEmptyCondition && !conditionReported.Contains(flow.Id))
        {
            Warning(flow.Id, ValidationCodes.EmptyCondition, $"Sequence flow '{flow.Id}' has an empty condition; it is treated as unconditional.");
        }

        if (flow.Condition is { } condition)
        {
            CheckFeel(flow.Id, condition, $"Condition of sequence flow '{flow.Id}'");
            if (flow.IsDefault)
            {
                Warning(flow.Id, ValidationCodes.DefaultFlowCondition,
                    $"Sequence flow '{flow.Id}' is the default flow of '{flow.Source.Id}' and has a condition; the condition is ignored (the default is taken when no other condition holds).");
            }
        }
    }
}
