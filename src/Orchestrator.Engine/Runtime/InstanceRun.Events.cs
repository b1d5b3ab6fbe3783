using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime;

/// <summary>Boundary events and event sub-processes: opening their subscriptions and timers, triggering them, and finding the catch for a BPMN error or escalation.</summary>
internal sealed partial class InstanceRun
{
    /// <summary>
    /// Opens the timers and subscriptions of the event sub-processes of a scope that just started. One that cannot be
    /// opened (a timer or key expression failing) raises an incident whose retry only resolves it; the scope runs on.
    /// </summary>
    public void OpenScopeSubscriptions(ExecutionState scope, FlowScope body)
    {
        foreach (var esp in body.EventSubProcesses)
        {
            foreach (var start in esp.Body.StartEvents)
            {
                OpenEventSubProcessStart(scope, start);
            }
        }
    }

    /// <summary>Opens the timer or subscription of one event sub-process start; an incident (retried by opening it again) when it cannot.</summary>
    private void OpenEventSubProcessStart(ExecutionState scope, StartEvent start)
    {
        var error = "";
        var ok = start.Definition switch
        {
            TimerEventDefinition timer => TryScheduleTimer(scope, start, timer, out error),
            MessageEventDefinition message => TrySubscribe(scope, start, message.Message, message.CorrelationKey ?? message.Message?.CorrelationKey, out error),
            _ => true,
        };
        if (!ok)
        {
            AddIncident(scope, IncidentTypes.ExpressionFailed, error, "none", element: start.Id);
        }
    }

    /// <summary>Opens the timers and subscriptions of an activity's boundary events; on failure none stays open and the activity gets an incident.</summary>
    public bool OpenBoundaries(ExecutionState e, Activity a)
    {
        foreach (var b in a.BoundaryEvents)
        {
            var error = "";
            var ok = b.Definition switch
            {
                TimerEventDefinition timer => TryScheduleTimer(e, b, timer, out error),
                MessageEventDefinition message => TrySubscribe(e, b, message.Message, message.CorrelationKey ?? message.Message?.CorrelationKey, out error),
                _ => true,
            };
            if (!ok)
            {
                CloseAttached(e, cancelled: true);
                AddIncident(e, IncidentTypes.ExpressionFailed, error, "enter");
                return false;
            }
        }

        return true;
    }

    private bool HasOpenBoundaries(ExecutionState e)
    {
        foreach (var t in S.Timers)
        {
            if (t.Exec == e.Id && Def.FindNode(t.Element) is BoundaryEvent)
            {
                return true;
            }
        }

        foreach (var sub in S.Subscriptions)
        {
            if (sub.Exec == e.Id && Def.FindNode(sub.Element) is BoundaryEvent)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A boundary event fires on the activity execution it is attached to.</summary>
    public void TriggerBoundary(ExecutionState activity, BoundaryEvent b, JsonObject? variables)
    {
        var parent = ParentOf(activity)!;
        if (b.CancelActivity)
        {
            Cancel(activity);
        }

        var t = NewExec(parent, b.Id, ExecutionPhase.Wait);
        Hist(HistoryEventType.ElementStarted, b);
        SetVariables(t, b, variables);
        Complete(t, b);
    }

    /// <summary>Starts an event sub-process in a scope, cancelling the scope's work first when it interrupts.</summary>
    public void TriggerEventSubProcess(ExecutionState scope, SubProcess esp, StartEvent start, bool interrupting, JsonObject? variables)
    {
        if (interrupting)
        {
            foreach (var child in ChildrenOf(scope))
            {
                Cancel(child);
            }

            CloseAttached(scope, cancelled: true, onlyEventSubProcessStarts: true);
        }

        var x = NewExec(scope, esp.Id, ExecutionPhase.Scope);
        Hist(HistoryEventType.ElementStarted, esp);
        OpenScopeSubscriptions(x, esp.Body);
        var t = NewExec(x, start.Id, ExecutionPhase.Wait);
        Hist(HistoryEventType.ElementStarted, start);
        SetVariables(t, start, variables);
        Complete(t, start);
    }

    // ---------------------------------------------------------------- errors and escalations

    /// <summary>
    /// Throws a BPMN error from an execution: the nearest matching catch takes it, else an incident (or the parent
    /// instance). <paramref name="completing"/> is the error end event that throws it: it is recorded as completed
    /// before the catch runs, and only when something catches the error.
    /// </summary>
    public bool ThrowError(ExecutionState from, string? code, string? message, JsonObject? variables, FlowNode? completing = null)
    {
        var caught = false;
        for (var cur = from; cur is not null && !caught; cur = ParentOf(cur))
        {
            caught = (ScopeBody(cur) is { } body && FindEventSubProcess<ErrorEventDefinition>(body, code, ErrorCodeOf) is not null)
                || (cur.Mi != MultiInstanceRole.Inner && cur.Parent is not null && Def.FindNode(cur.Element) is Activity a
                    && FindBoundary<ErrorEventDefinition>(a, code, ErrorCodeOf) is not null);
        }

        if (completing is not null && (caught || S.Parent is not null))
        {
            Hist(HistoryEventType.ElementCompleted, completing);
        }

        Hist(HistoryEventType.ErrorThrown, from.Element, detail: code);
        for (var cur = from; cur is not null; cur = ParentOf(cur))
        {
            if (ScopeBody(cur) is { } body && FindEventSubProcess<ErrorEventDefinition>(body, code, ErrorCodeOf) is { } hit)
            {
                TriggerEventSubProcess(cur, hit.Esp, hit.Start, interrupting: true, variables);
                return true;
            }

            if (cur.Mi != MultiInstanceRole.Inner && cur.Parent is not null && Def.FindNode(cur.Element) is Activity a
                && FindBoundary<ErrorEventDefinition>(a, code, ErrorCodeOf) is { } b)
            {
                TriggerBoundary(cur, b, variables);
                return true;
            }
        }

        if (S.Parent is not null)
        {
            EndInstance(InstanceStatus.Terminated, code ?? "");
            return true;
        }

        AddIncident(from, IncidentTypes.UnhandledError,
            $"The BPMN error '{code}'{(message is null ? "" : " (" + message + ")")} thrown at {from.Element} is not caught by any error event.", "enter");
        return false;
    }

    /// <summary>
    /// Throws an escalation; returns whether something caught it. One nobody in the instance catches goes to the call
    /// activity of a parent instance; otherwise it is ignored, as in Camunda.
    /// </summary>
    public bool ThrowEscalation(ExecutionState from, string? code)
    {
        Hist(HistoryEventType.EscalationThrown, from.Element, detail: code);
        for (var cur = from; cur is not null; cur = ParentOf(cur))
        {
            if (ScopeBody(cur) is { } body && FindEventSubProcess<EscalationEventDefinition>(body, code, EscalationCodeOf) is { } hit)
            {
                TriggerEventSubProcess(cur, hit.Esp, hit.Start, hit.Start.IsInterrupting, null);
                return true;
            }

            if (cur.Mi != MultiInstanceRole.Inner && cur.Parent is not null && Def.FindNode(cur.Element) is Activity a
                && FindBoundary<EscalationEventDefinition>(a, code, EscalationCodeOf) is { } b)
            {
                TriggerBoundary(cur, b, null);
                return true;
            }
        }

        if (S.Parent is { } parent)
        {
            R.ParentInstanceId = parent.InstanceId;
            R.EscalationsToParentW.Add(new ChildEscalated(parent.Execution, S.Id) { EscalationCode = code });
            return true;
        }

        return false;
    }

    private static string? ErrorCodeOf(ErrorEventDefinition d) => d.Error?.ErrorCode;

    private static string? EscalationCodeOf(EscalationEventDefinition d) => d.Escalation?.EscalationCode;

    /// <summary>
    /// The body whose event sub-processes can catch an error or escalation in a scope execution; <c>null</c> for a
    /// token, a multi-instance body, or a scope an interrupting event sub-process already took over (as in Camunda 8,
    /// its other event sub-processes are closed, so an error thrown again inside goes further out instead of looping).
    /// </summary>
    private FlowScope? ScopeBody(ExecutionState cur)
    {
        if (cur.Phase != ExecutionPhase.Scope || cur.Mi == MultiInstanceRole.Body)
        {
            return null;
        }

        var body = cur.Parent is null ? Def.Body : (Def.FindNode(cur.Element) as SubProcess)?.Body;
        return body is null || body.EventSubProcesses.Count == 0 || !IsInterrupted(cur) ? body : null;
    }

    /// <summary>Whether an interrupting event sub-process runs in a scope (its other event sub-processes are then closed).</summary>
    private bool IsInterrupted(ExecutionState scope)
    {
        foreach (var x in S.Executions)
        {
            if (x.Parent == scope.Id && x.Phase == ExecutionPhase.Scope && Def.FindNode(x.Element) is SubProcess { TriggeredByEvent: true } esp
                && esp.Body.StartEvents.Count > 0 && esp.Body.StartEvents[0].IsInterrupting)
            {
                return true;
            }
        }

        return false;
    }

    private static (SubProcess Esp, StartEvent Start)? FindEventSubProcess<TDef>(FlowScope body, string? code, Func<TDef, string?> codeOf)
        where TDef : EventDefinition
    {
        (SubProcess, StartEvent)? catchAll = null;
        foreach (var esp in body.EventSubProcesses)
        {
            foreach (var start in esp.Body.StartEvents)
            {
                if (start.Definition is TDef d)
                {
                    var c = codeOf(d);
                    if (c is null)
                    {
                        catchAll ??= (esp, start);
                    }
                    else if (string.Equals(c, code, StringComparison.Ordinal))
                    {
                        return (esp, start);
                    }
                }
            }
        }

        return catchAll;
    }

    private static BoundaryEvent? FindBoundary<TDef>(Activity a, string? code, Func<TDef, string?> codeOf)
        where TDef : EventDefinition
    {
        BoundaryEvent? catchAll = null;
        foreach (var b in a.BoundaryEvents)
        {
            if (b.Definition is TDef d)
            {
                var c = codeOf(d);
                if (c is null)
                {
                    catchAll ??= b;
                }
                else if (string.Equals(c, code, StringComparison.Ordinal))
                {
                    return b;
                }
            }
        }

        return catchAll;
    }
}
