using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Validation;

/// <summary>Validates one executable process: its scopes, nodes, flows and expressions.</summary>
internal sealed partial class ProcessChecker(
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
}
