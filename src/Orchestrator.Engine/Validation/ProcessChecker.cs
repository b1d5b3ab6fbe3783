using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Validation;

/// <summary>Validates one executable process: its scopes, nodes, flows and expressions.</summary>
internal sealed class ProcessChecker(
    ProcessDefinition process,
    IReadOnlyDictionary<string, ProcessDefinition> knownProcesses,
    FeelEngine feel,
    List<BpmnProblem> problems)
{
    private readonly string file = process.Definitions.SourceName;
    private readonly HashSet<(string, string)> checkedFeel = [];
    private readonly HashSet<string> conditionReported = new(StringComparer.Ordinal);

    public void Run()
    {
        CheckScope(process.Body, null);
        CheckReachability();
    }

    private void Error(string elementId, string code, string message) => problems.Add(new BpmnProblem(file, elementId, code, message));

    private void Warning(string elementId, string code, string message) => problems.Add(new BpmnProblem(file, elementId, code, message, ProblemSeverity.Warning));

    /// <summary>Whether the parser already refused this text at this element (JUEL, another language): then it is not checked again.</summary>
    private bool Refused(string elementId, string? text) =>
        text is not null && process.Definitions.RefusedExpressions.Contains((elementId, text.Trim()));

    /// <summary>Whether the parser already reported how this element does its work (Java, an external task, a script it cannot run…).</summary>
    private bool ImplementationReported(string elementId) => process.Definitions.ReportedImplementations.Contains(elementId);

    // ---------------------------------------------------------------- scopes

    private void CheckScope(FlowScope scope, SubProcess? owner)
    {
        CheckStartEvents(scope, owner);
        foreach (var node in scope.Nodes)
        {
            if (node is UnsupportedFlowNode)
            {
                continue; // already reported by the parser
            }

            CheckNode(node);
            if (node is SubProcess sub)
            {
                CheckScope(sub.Body, sub);
            }
        }

        foreach (var flow in scope.Flows)
        {
            CheckFlow(flow);
        }
    }

    private void CheckStartEvents(FlowScope scope, SubProcess? owner)
    {
        var starts = scope.StartEvents;
        var none = starts.Where(s => s.Definition is null).ToList();
        if (owner is null)
        {
            if (starts.Count == 0)
            {
                if (!scope.Nodes.OfType<UnsupportedFlowNode>().Any(n => n.Kind == "startEvent"))
                {
                    Error(process.Id, ValidationCodes.NoStartEvent, $"Process '{process.Id}' has no start event, so it can never start.");
                }
            }
            else if (none.Count == 0)
            {
                Warning(process.Id, ValidationCodes.NoNoneStartEvent,
                    $"Process '{process.Id}' has no none start event; it can only be started by its message or timer start event, not by the API or simulate.");
            }

            foreach (var start in starts)
            {
                if (start.Definition is not (null or MessageEventDefinition or TimerEventDefinition))
                {
                    Error(start.Id, ValidationCodes.EventDefinitionNotAllowed,
                        $"Start event '{start.Id}' is a {DefinitionName(start.Definition)} start event; a process starts with a none, message or timer start event ({DefinitionName(start.Definition)} start events belong in event sub-processes).");
                }
            }
        }
        else if (scope.Nodes.OfType<UnsupportedFlowNode>().Any(n => n.Kind == "startEvent"))
        {
            // A start event the parser refused (compensation, signal, conditional) is reported there; counting the
            // others would only add "0 start events" to the same problem.
        }
        else if (!owner.TriggeredByEvent)
        {
            if (starts.Count != 1 || none.Count != 1)
            {
                Error(owner.Id, ValidationCodes.SubProcessStartEvent,
                    starts.Count == 0
                        ? $"Sub-process '{owner.Id}' has no start event; an embedded sub-process needs exactly one none start event."
                        : $"Sub-process '{owner.Id}' has {starts.Count} start event(s), {none.Count} of them none; an embedded sub-process needs exactly one none start event.");
            }
        }
        else
        {
            if (starts.Count != 1 || starts[0].Definition is null)
            {
                Error(owner.Id, ValidationCodes.SubProcessStartEvent,
                    $"Event sub-process '{owner.Id}' needs exactly one start event with a trigger (message, timer, error or escalation); it has {starts.Count} start event(s){(none.Count > 0 ? $", {none.Count} without a trigger" : string.Empty)}.");
            }

            foreach (var start in starts.Where(s => s.Definition is not null))
            {
                if (start.Definition is not (MessageEventDefinition or TimerEventDefinition or ErrorEventDefinition or EscalationEventDefinition))
                {
                    Error(start.Id, ValidationCodes.EventDefinitionNotAllowed,
                        $"Start event '{start.Id}' of event sub-process '{owner.Id}' is a {DefinitionName(start.Definition)} start event; only message, timer, error and escalation are supported.");
                }
                else if (start.Definition is ErrorEventDefinition && !start.IsInterrupting)
                {
                    Error(start.Id, ValidationCodes.EventDefinitionNotAllowed, $"Error start event '{start.Id}' must be interrupting: an error always ends the scope it happens in.");
                }
            }

            if (owner.Incoming.Count > 0 || owner.Outgoing.Count > 0)
            {
                Error(owner.Id, ValidationCodes.EventSubProcessFlow, $"Event sub-process '{owner.Id}' has sequence flows; event sub-processes are started by their start event's trigger, never by a flow.");
            }
        }

        if (owner is null && none.Count > 1)
        {
            Error(process.Id, ValidationCodes.MultipleNoneStartEvents,
                $"Process '{process.Id}' has {none.Count} none start events ({string.Join(", ", none.Select(n => n.Id))}); it needs exactly one.");
        }

        if (owner is { TriggeredByEvent: false })
        {
            foreach (var start in starts.Where(s => s.Definition is not null))
            {
                Error(start.Id, ValidationCodes.EventDefinitionNotAllowed,
                    $"Start event '{start.Id}' of embedded sub-process '{owner.Id}' is a {DefinitionName(start.Definition)} start event; it must be a none start event.");
            }
        }
    }

    private static string DefinitionName(EventDefinition? definition) => definition switch
    {
        null => "none",
        TimerEventDefinition => "timer",
        MessageEventDefinition => "message",
        ErrorEventDefinition => "error",
        EscalationEventDefinition => "escalation",
        TerminateEventDefinition => "terminate",
        _ => definition.GetType().Name,
    };

    // ---------------------------------------------------------------- nodes

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

    // ---------------------------------------------------------------- activities

    private void CheckActivity(Activity activity)
    {
        var id = activity.Id;
        foreach (var (name, value) in activity.Extensions)
        {
            if (value.TrimStart().StartsWith('=') && name is not ("collection" or "outputElement"))
            {
                CheckFeel(id, value.TrimStart()[1..], $"Attribute {name} of '{id}'");
            }
        }

        if (activity.MultiInstance is { } mi)
        {
            CheckMultiInstance(id, mi);
        }

        switch (activity)
        {
            case UserTask user:
                if (user.Assignee is null && user.CandidateUsers is null && user.CandidateGroups is null && user.ExternalRecipient is null
                    && !ImplementationReported(id))
                {
                    Warning(id, ValidationCodes.UserTaskUnassigned,
                        $"User task '{id}' has no assignee, candidate users or candidate groups; nobody will see it in an inbox.");
                }

                CheckDate(id, "due date", user.DueDate);
                CheckDate(id, "follow-up date", user.FollowUpDate);
                CheckFollowUps(id, user);
                if (user.Notify is { } notify && notify is not ("assignee" or "candidates" or "none"))
                {
                    Error(id, ValidationCodes.InvalidAttribute, $"orc:notify '{notify}' of user task '{id}' is not one of assignee, candidates, none.");
                }
                else if (user.Notify == "assignee" && user.Assignee is null)
                {
                    Warning(id, ValidationCodes.InvalidAttribute, $"User task '{id}' has orc:notify=\"assignee\" but no orc:assignee; nobody is emailed until someone is assigned by hand.");
                }

                if (user.Language is { IsFeel: false } language && string.IsNullOrWhiteSpace(language.Text))
                {
                    Error(id, ValidationCodes.InvalidAttribute, $"orc:language of user task '{id}' is empty; give a language such as es or en, or leave the attribute out.");
                }

                break;
            case ServiceTask service:
                if (string.IsNullOrWhiteSpace(service.Type) && !ImplementationReported(id))
                {
                    Error(id, ValidationCodes.ServiceTaskTypeMissing, $"Service task '{id}' has no orc:type naming the handler that does its work.");
                }

                CheckRetries(id, service.Retries);
                break;
            case SendTask send:
                if (ImplementationReported(id))
                {
                    // Java, an external task or a connector: refused where it is written.
                }
                else if (send.Type is null && send.Template is null)
                {
                    Error(id, ValidationCodes.SendTaskTemplateMissing, $"Send task '{id}' has no orc:template (the notification to send) nor orc:type (a handler that sends it).");
                }
                else if (send.Type is null && send.To is null)
                {
                    Warning(id, ValidationCodes.SendTaskRecipientMissing, $"Send task '{id}' has no orc:to; the notification has no recipient.");
                }

                CheckRetries(id, send.Retries);
                break;
            case ReceiveTask receive:
                CheckMessageCatch(id, receive.Message, receive.CorrelationKey, needsKey: true);
                CheckFollowUps(id, receive);
                if (receive.Extensions.ContainsKey("externalRecipient"))
                {
                    // Email-action links complete a task row; a receive task has none, so the link could never answer it.
                    Error(id, ValidationCodes.InvalidAttribute,
                        $"Receive task '{id}' has orc:externalRecipient; outside recipients answer through a user task (a user task with orc:externalRecipient gets the email link).");
                }

                break;
            case ScriptTask script:
                if (ImplementationReported(id))
                {
                    // another language or a script resource: refused where it is written
                }
                else if (string.IsNullOrWhiteSpace(script.Script))
                {
                    Error(id, ValidationCodes.ScriptMissing, $"Script task '{id}' has no script; write its FEEL expression.");
                }
                else
                {
                    CheckFeel(id, script.Script, $"Script of '{id}'");
                }

                break;
            case CallActivity call:
                CheckCallActivity(call);
                break;
            default:
                break;
        }
    }

    private void CheckRetries(string id, int retries)
    {
        if (retries < 0)
        {
            Error(id, ValidationCodes.InvalidAttribute, $"'{id}' has retries {retries}; retries must be 0 or more.");
        }
    }

    /// <summary><c>orc:reminder</c>, <c>orc:escalateAfter</c>, <c>orc:escalateTo</c> (their FEEL is checked with the other attributes).</summary>
    private void CheckFollowUps(string id, IFollowedUpTask task)
    {
        if (task.Reminder is { IsFeel: false } reminder && !Refused(id, reminder.Text))
        {
            var text = reminder.Text.Trim();
            if (!(IsoTimer.TryParseDuration(text, out var d) && !d.IsZero) && !IsoTimer.TryParseCycle(text, out _))
            {
                Error(id, ValidationCodes.InvalidReminder,
                    $"orc:reminder '{text}' of '{id}' is neither an ISO 8601 duration (P30D: once) nor a cycle (R/P7D: every 7 days, R2/P1D: twice), nor FEEL (write FEEL with a leading '=').");
            }
        }

        if (task.EscalateAfter is { IsFeel: false } after && !Refused(id, after.Text))
        {
            var text = after.Text.Trim();
            if (!IsoTimer.TryParseDuration(text, out _) && !IsoTimer.TryParseDateTime(text, out _))
            {
                Error(id, ValidationCodes.InvalidReminder,
                    $"orc:escalateAfter '{text}' of '{id}' is neither an ISO 8601 duration (P45D) nor a date-time (2026-03-01T09:00:00), nor FEEL (write FEEL with a leading '=').");
            }
        }

        if (task.EscalateTo is { } to)
        {
            if (string.IsNullOrWhiteSpace(to.Text))
            {
                Error(id, ValidationCodes.InvalidReminder, $"orc:escalateTo of '{id}' is empty; name the group the task is escalated to (default coordinator: leave the attribute out).");
            }
            else if (task.EscalateAfter is null)
            {
                Warning(id, ValidationCodes.InvalidReminder, $"'{id}' has orc:escalateTo but no orc:escalateAfter; it is never escalated.");
            }
        }
    }

    private void CheckDate(string id, string what, ValueExpression? value)
    {
        if (value is null || value.IsFeel || Refused(id, value.Text))
        {
            return; // FEEL is checked with the other attributes; JUEL was refused by the parser
        }

        var text = value.Text.Trim();
        if (text.Length > 0 && !IsoTimer.TryParseDateTime(text, out _) && !IsoTimer.TryParseDuration(text, out _))
        {
            Error(id, ValidationCodes.InvalidDate, $"The {what} '{text}' of user task '{id}' is neither an ISO 8601 date-time nor a duration (for example P3D), nor FEEL.");
        }
    }

    private void CheckMultiInstance(string id, MultiInstance mi)
    {
        if (mi.Collection is null && mi.LoopCardinality is null)
        {
            Error(id, ValidationCodes.MultiInstanceInput, $"Multi-instance '{id}' has neither a collection (orc:collection) nor a loop cardinality; it cannot know how many instances to run.");
        }

        if (mi.ElementVariable is not null && mi.Collection is null)
        {
            Error(id, ValidationCodes.MultiInstanceVariable, $"Multi-instance '{id}' has element variable '{mi.ElementVariable}' but no collection to take the elements from.");
        }

        if (mi.OutputElement is not null && mi.OutputCollection is null)
        {
            Error(id, ValidationCodes.MultiInstanceVariable, $"Multi-instance '{id}' has an output element but no output collection to gather the results in.");
        }

        if (mi.Collection is { } c)
        {
            CheckFeel(id, c, $"Collection of multi-instance '{id}'");
        }

        if (mi.LoopCardinality is { } n)
        {
            CheckFeel(id, n, $"Loop cardinality of '{id}'");
        }

        if (mi.CompletionCondition is { } cc)
        {
            CheckFeel(id, cc, $"Completion condition of '{id}'");
        }

        if (mi.OutputElement is { } oe)
        {
            CheckFeel(id, oe, $"Output element of '{id}'");
        }
    }

    private void CheckCallActivity(CallActivity call)
    {
        var called = call.CalledElement;
        foreach (var m in call.InMappings)
        {
            CheckFeel(call.Id, m.Source, $"In mapping '{m.Target}' of '{call.Id}'");
        }

        foreach (var m in call.OutMappings)
        {
            CheckFeel(call.Id, m.Source, $"Out mapping '{m.Target}' of '{call.Id}'");
        }

        if (string.IsNullOrWhiteSpace(called.Text))
        {
            Error(call.Id, ValidationCodes.CalledElementMissing, $"Call activity '{call.Id}' does not say which process it calls (calledElement).");
            return;
        }

        if (called.IsFeel)
        {
            CheckFeel(call.Id, called.Text, $"Called element of '{call.Id}'");
            return;
        }

        if (!knownProcesses.ContainsKey(called.Text.Trim()))
        {
            Warning(call.Id, ValidationCodes.CalledProcessUnknown,
                $"Call activity '{call.Id}' calls process '{called.Text.Trim()}', which is not in the validated files; it must already be deployed, or the call will raise an incident.");
        }
    }

    // ---------------------------------------------------------------- FEEL

    private void CheckFeel(string elementId, string text, string what)
    {
        text = text.Trim();
        if (Refused(elementId, text) || !checkedFeel.Add((elementId, text)))
        {
            return;
        }

        FeelParseResult result;
        try
        {
            result = feel.Parse(text);
        }
#pragma warning disable CA1031 // A FEEL engine bug must become a problem, not crash validation.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Error(elementId, ValidationCodes.FeelSyntax, $"{what} could not be checked as FEEL ({ex.GetType().Name}: {ex.Message}).");
            return;
        }

        if (result.Succeeded)
        {
            return;
        }

        var first = result.Errors.Count > 0 ? result.Errors[0] : null;
        var where = first is null ? string.Empty : $" at line {first.Line}, column {first.Column}: {first.Message}";
        Error(elementId, ValidationCodes.FeelSyntax, $"{what} is not valid FEEL{where} (expression: {Shorten(text)}).");
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }

    // ---------------------------------------------------------------- reachability

    private void CheckReachability()
    {
        var reached = new HashSet<FlowNode>();
        var queue = new Queue<FlowNode>();

        void Reach(FlowNode node)
        {
            if (reached.Add(node))
            {
                queue.Enqueue(node);
            }
        }

        void EnterScope(FlowScope scope)
        {
            foreach (var start in scope.StartEvents)
            {
                Reach(start);
            }

            foreach (var esp in scope.EventSubProcesses)
            {
                Reach(esp);
            }

            foreach (var placeholder in scope.Nodes.OfType<UnsupportedFlowNode>())
            {
                Reach(placeholder); // reported by the parser; do not add follow-on noise
            }
        }

        EnterScope(process.Body);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var flow in node.Outgoing)
            {
                Reach(flow.Target);
            }

            if (node is Activity activity)
            {
                foreach (var boundary in activity.BoundaryEvents)
                {
                    Reach(boundary);
                }
            }

            if (node is SubProcess sub)
            {
                EnterScope(sub.Body);
            }
        }

        ReportUnreached(process.Body, reached);
    }

    private void ReportUnreached(FlowScope scope, HashSet<FlowNode> reached)
    {
        foreach (var node in scope.Nodes)
        {
            if (!reached.Contains(node))
            {
                if (node is BoundaryEvent { AttachedTo: null })
                {
                    continue; // not attached: reported by the parser
                }

                Error(node.Id, ValidationCodes.Unreachable,
                    node is BoundaryEvent b
                        ? $"Boundary event '{node.Id}' is attached to '{b.AttachedTo?.Id}', which can never be reached."
                        : node.Incoming.Count == 0 && node.Outgoing.Count == 0
                            ? $"{node.Kind} '{node.Id}' is not connected: no sequence flow leads to it or leaves it."
                            : $"{node.Kind} '{node.Id}' can never be reached: no sequence flow leads to it from a start event.");
            }
            else if (node is SubProcess sub)
            {
                ReportUnreached(sub.Body, reached);
            }
        }
    }
}
