using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Gateways;
using Orchestrator.Engine.Runtime.Tasks;
using Orchestrator.Engine.Runtime.Timers;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// One command's run over one instance: the agenda of executions to advance, and the primitives the element
/// behaviours use (flows, scopes, variables, timers, subscriptions, jobs, incidents, errors, history).
/// </summary>
internal sealed partial class InstanceRun
{
    private readonly Queue<ExecutionState> _agenda = new();
    private readonly List<SequenceFlow> _flows = [];
    private int _steps;
    private bool _stopped;

    public InstanceRun(WorkflowEngine engine, DeployedProcess deployed, ProcessInstanceState state, DateTimeOffset now)
    {
        Engine = engine;
        Deployed = deployed;
        S = state;
        Now = now;
        R = new EngineResult(state);
    }

    public WorkflowEngine Engine { get; }

    public DeployedProcess Deployed { get; }

    public ProcessDefinition Def => Deployed.Definition;

    public ProcessInstanceState S { get; }

    public DateTimeOffset Now { get; }

    public EngineResult R { get; }

    public ExecutionState Root => S.Executions[0];

    // ---------------------------------------------------------------- executions

    public int NextId() => ++S.Seq;

    public string Pid(int n) => S.PublicId(n);

    public ExecutionState? Exec(int id)
    {
        var list = S.Executions;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Id == id)
            {
                return list[i];
            }
        }

        return null;
    }

    public ExecutionState? ParentOf(ExecutionState e) => e.Parent is { } p ? Exec(p) : null;

    public ExecutionState NewExec(ExecutionState? parent, string element, ExecutionPhase phase)
    {
        var e = new ExecutionState { Id = NextId(), Parent = parent?.Id, Element = element, Phase = phase };
        S.Executions.Add(e);
        return e;
    }

    public void Remove(ExecutionState e)
    {
        e.Removed = true;
        S.Executions.Remove(e);
    }

    public bool HasChildren(ExecutionState scope)
    {
        var list = S.Executions;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Parent == scope.Id)
            {
                return true;
            }
        }

        return false;
    }

    public List<ExecutionState> ChildrenOf(ExecutionState scope)
    {
        var result = new List<ExecutionState>();
        foreach (var x in S.Executions)
        {
            if (x.Parent == scope.Id)
            {
                result.Add(x);
            }
        }

        return result;
    }

    public void Schedule(ExecutionState e) => _agenda.Enqueue(e);

    public FlowNode Node(ExecutionState e) => Deployed.Node(e.Element);

    // ---------------------------------------------------------------- history

    public void Hist(HistoryEventType type, string? elementId, string? kind = null, string? itemId = null, string? userId = null, string? name = null, JsonNode? value = null, string? detail = null) =>
        R.HistoryW.Add(new HistoryEvent(Now, S.Id, type)
        {
            ElementId = elementId,
            ElementKind = kind,
            ItemId = itemId,
            UserId = userId,
            Name = name,
            Value = value,
            Detail = detail,
        });

    public void Hist(HistoryEventType type, FlowNode node) => Hist(type, node.Id, node.Kind);

    // ---------------------------------------------------------------- the loop

    /// <summary>Runs the agenda until every token waits, or the step budget stops it.</summary>
    public void Drain()
    {
        if (_stopped)
        {
            return;
        }

        while (true)
        {
            while (_agenda.TryDequeue(out var e))
            {
                if (e.Removed || (e.Phase != ExecutionPhase.Enter && e.Phase != ExecutionPhase.Leave))
                {
                    continue;
                }

                if (++_steps > Engine.Options.StepBudget)
                {
                    BudgetExceeded(e);
                    return;
                }

                if (e.Phase == ExecutionPhase.Enter)
                {
                    EnterNode(e);
                }
                else
                {
                    LeaveNode(e);
                }
            }

            if (S.Status != InstanceStatus.Active || !InclusiveGatewayBehavior.FireReadyJoins(this))
            {
                break;
            }
        }
    }

    private void BudgetExceeded(ExecutionState e)
    {
        _stopped = true;
        _agenda.Clear();
        AddIncident(e, IncidentTypes.StepBudgetExceeded,
            $"The instance ran {Engine.Options.StepBudget} steps without reaching a wait state (a loop?); stopped at {e.Element}.", "budget");
    }

    private void EnterNode(ExecutionState e)
    {
        var node = Node(e);
        if (node is Activity a && e.Mi == MultiInstanceRole.None)
        {
            if (a.MultiInstance is not null)
            {
                MultiInstanceBehavior.Start(this, e, a);
                return;
            }

            // Input mappings first, as Camunda 8 does, so that boundary timers and keys can use them.
            if (node.Inputs.Count > 0 && !ApplyInputs(e, node))
            {
                return;
            }

            // After an incident the boundary events are still open (their timers keep running): not again.
            if (a.BoundaryEvents.Count > 0 && !HasOpenBoundaries(e) && !OpenBoundaries(e, a))
            {
                return;
            }
        }
        else if (node.Inputs.Count > 0 && !ApplyInputs(e, node))
        {
            return;
        }

        Hist(HistoryEventType.ElementStarted, node);
        Behaviors.For(node).Execute(this, e, node);
    }

    private void LeaveNode(ExecutionState e)
    {
        var node = Node(e);
        _flows.Clear();
        if (!FlowSelector.Select(this, e, node, _flows))
        {
            return;
        }

        var parent = ParentOf(e)!;
        Remove(e);
        if (_flows.Count == 0)
        {
            TokenEnded(parent);
            return;
        }

        foreach (var flow in _flows)
        {
            var t = NewExec(parent, flow.Target.Id, ExecutionPhase.Enter);
            t.Flow = flow.Id;
            Schedule(t);
        }
    }

    // ---------------------------------------------------------------- completion and scopes

    /// <summary>An element is done: outputs, close what is attached, then leave (or report to the multi-instance body).</summary>
    public void Complete(ExecutionState e, FlowNode node)
    {
        if (node.Outputs.Count > 0 && !ApplyOutputs(e, node))
        {
            return;
        }

        CloseAttached(e);
        Hist(HistoryEventType.ElementCompleted, node);
        if (e.Mi == MultiInstanceRole.Inner)
        {
            MultiInstanceBehavior.InnerCompleted(this, e, (Activity)node);
            return;
        }

        e.Vars = null;
        e.Phase = ExecutionPhase.Leave;
        Schedule(e);
    }

    /// <summary>A token ends at an end event (or a node without outgoing flows).</summary>
    public void EndToken(ExecutionState e, FlowNode node)
    {
        if (node.Outputs.Count > 0 && !ApplyOutputs(e, node))
        {
            return;
        }

        Hist(HistoryEventType.ElementCompleted, node);
        var parent = ParentOf(e)!;
        Remove(e);
        TokenEnded(parent);
    }

    public void TokenEnded(ExecutionState scope)
    {
        if (!scope.Removed && scope.Phase == ExecutionPhase.Scope && scope.Mi != MultiInstanceRole.Body && !HasChildren(scope))
        {
            CompleteScope(scope);
        }
    }

    public void CompleteScope(ExecutionState scope)
    {
        if (scope.Parent is null)
        {
            EndInstance(InstanceStatus.Completed);
            return;
        }

        var node = Node(scope);
        if (node is SubProcess { TriggeredByEvent: true })
        {
            CloseAttached(scope);
            Hist(HistoryEventType.ElementCompleted, node);
            var parent = ParentOf(scope)!;
            Remove(scope);
            TokenEnded(parent);
            return;
        }

        Complete(scope, node);
    }

    /// <summary>Ends the instance; the root execution stays (with the variables) for inspection.</summary>
    public void EndInstance(InstanceStatus status, string? errorCode = null, bool byParent = false, string? userId = null, string? reason = null)
    {
        var root = Root;
        foreach (var child in ChildrenOf(root))
        {
            Cancel(child, status == InstanceStatus.Terminated);
        }

        CloseAttached(root);
        S.Status = status;
        S.EndedAt = Now;
        _agenda.Clear();
        Hist(status switch
        {
            InstanceStatus.Completed => HistoryEventType.InstanceCompleted,
            InstanceStatus.Cancelled => HistoryEventType.InstanceCancelled,
            _ => HistoryEventType.InstanceTerminated,
        }, Def.Id, "process", userId: userId, detail: errorCode ?? reason);
        if (S.Parent is { } parent && !byParent)
        {
            R.ParentInstanceId = parent.InstanceId;
            R.ParentToResume = new ResumeFromChild(parent.Execution, S.Id)
            {
                Variables = status == InstanceStatus.Cancelled ? null : (JsonObject)root.Vars?.DeepClone()! ?? [],
                ErrorCode = errorCode,
                Cancelled = status == InstanceStatus.Cancelled,
            };
        }
    }

    /// <summary>Cancels an execution and everything inside it (tasks, timers, subscriptions, jobs, called children).</summary>
    public void Cancel(ExecutionState e, bool terminated = false)
    {
        foreach (var child in ChildrenOf(e))
        {
            Cancel(child, terminated);
        }

        CloseAttached(e, cancelled: true);
        if (e.Child is { } child2)
        {
            R.ChildrenToCancelW.Add(child2);
            e.Child = null;
        }

        if (e.Parent is not null)
        {
            Hist(terminated ? HistoryEventType.ElementTerminated : HistoryEventType.ElementCancelled, e.Element,
                e.Mi == MultiInstanceRole.Body ? "multiInstanceBody" : Deployed.Definition.FindNode(e.Element)?.Kind);
            Remove(e);
        }
    }

    /// <summary>Ends every execution of the scope of a terminate end event; the scope then completes.</summary>
    public void Terminate(ExecutionState e, FlowNode endEvent)
    {
        Hist(HistoryEventType.ElementCompleted, endEvent);
        var scope = ParentOf(e)!;
        foreach (var child in ChildrenOf(scope))
        {
            Cancel(child, terminated: true);
        }

        if (scope.Parent is null)
        {
            EndInstance(InstanceStatus.Terminated);
        }
        else if (scope.Mi != MultiInstanceRole.Body)
        {
            CompleteScope(scope);
        }
    }

    /// <summary>Closes the timers, subscriptions, jobs, user tasks and incidents that belong to an execution.</summary>
    public void CloseAttached(ExecutionState e, bool cancelled = false, bool onlyEventSubProcessStarts = false)
    {
        var id = e.Id;
        var timers = S.Timers;
        for (var i = timers.Count - 1; i >= 0; i--)
        {
            var t = timers[i];
            if (t.Exec == id && (!onlyEventSubProcessStarts || Deployed.Definition.FindNode(t.Element) is StartEvent))
            {
                timers.RemoveAt(i);
                R.TimersRemovedW.Add(Pid(t.Id));
                Hist(HistoryEventType.TimerCancelled, t.Element, itemId: Pid(t.Id));
            }
        }

        var subs = S.Subscriptions;
        for (var i = subs.Count - 1; i >= 0; i--)
        {
            var s = subs[i];
            if (s.Exec == id && (!onlyEventSubProcessStarts || Deployed.Definition.FindNode(s.Element) is StartEvent))
            {
                subs.RemoveAt(i);
                R.SubscriptionsClosedW.Add(Pid(s.Id));
            }
        }

        if (onlyEventSubProcessStarts)
        {
            return;
        }

        var jobs = S.Jobs;
        for (var i = jobs.Count - 1; i >= 0; i--)
        {
            if (jobs[i].Exec == id)
            {
                R.JobsRemovedW.Add(Pid(jobs[i].Id));
                jobs.RemoveAt(i);
            }
        }

        var tasks = S.Tasks;
        for (var i = tasks.Count - 1; i >= 0; i--)
        {
            var t = tasks[i];
            if (t.Exec == id)
            {
                tasks.RemoveAt(i);
                R.TasksEndedW.Add(new EndedTask(Pid(t.Id), t.Element, TaskEndReason.Cancelled, null));
                Hist(HistoryEventType.TaskCancelled, t.Element, "userTask", Pid(t.Id));
            }
        }

        var incidents = S.Incidents;
        for (var i = incidents.Count - 1; i >= 0; i--)
        {
            var inc = incidents[i];
            if (inc.Exec == id)
            {
                incidents.RemoveAt(i);
                R.IncidentsResolvedW.Add(Pid(inc.Id));
                Hist(HistoryEventType.IncidentResolved, inc.Element, itemId: Pid(inc.Id), detail: cancelled ? "cancelled" : "completed");
            }
        }
    }

    // ---------------------------------------------------------------- scopes, boundaries, event sub-processes

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

    // ---------------------------------------------------------------- incidents

    /// <summary>Stops an execution with an incident; <paramref name="resume"/> says what a retry does.</summary>
    public void AddIncident(ExecutionState e, string type, string message, string resume, string? element = null)
    {
        var inc = new IncidentState { Id = NextId(), Exec = e.Id, Element = element ?? e.Element, Type = type, Message = message, Created = Now, Resume = resume };
        S.Incidents.Add(inc);
        if (resume is not ("budget" or "none"))
        {
            e.Phase = ExecutionPhase.Incident;
        }

        R.IncidentsRaisedW.Add(new IncidentInfo(Pid(inc.Id), S.Id, inc.Element, type, message, Now));
        Hist(HistoryEventType.IncidentRaised, inc.Element, itemId: Pid(inc.Id), detail: type + ": " + message);
    }

    public void Retry(IncidentState inc)
    {
        S.Incidents.Remove(inc);
        R.IncidentsResolvedW.Add(Pid(inc.Id));
        Hist(HistoryEventType.IncidentResolved, inc.Element, itemId: Pid(inc.Id), detail: "retried");
        var e = Exec(inc.Exec);
        if (inc.Resume == "none")
        {
            // Nothing was stopped; an event sub-process start that could not be opened is opened again (the variables
            // its key or timer needs may be there now).
            if (e is not null && !e.Removed && e.Phase == ExecutionPhase.Scope && !IsInterrupted(e)
                && Def.FindNode(inc.Element) is StartEvent { Parent: SubProcess { TriggeredByEvent: true } } start)
            {
                OpenEventSubProcessStart(e, start);
            }
        }
        else if (inc.Resume == "budget")
        {
            foreach (var x in S.Executions)
            {
                if (x.Phase is ExecutionPhase.Enter or ExecutionPhase.Leave)
                {
                    Schedule(x);
                }
            }
        }
        else if (e is not null)
        {
            switch (inc.Resume)
            {
                case "leave":
                    e.Phase = ExecutionPhase.Leave;
                    Schedule(e);
                    break;
                case "complete":
                    e.Phase = ExecutionPhase.Wait;
                    Complete(e, Node(e));
                    break;
                case "job":
                    e.Phase = ExecutionPhase.Wait;
                    ServiceTaskBehavior.CreateJob(this, e, Node(e), retries: 1);
                    break;
                default:
                    e.Phase = ExecutionPhase.Enter;
                    Schedule(e);
                    break;
            }
        }

        Drain();
    }

    // ---------------------------------------------------------------- variables

    public void SetVariable(ExecutionState from, string name, JsonNode? value, string? userId = null)
    {
        for (var s = from; s is not null; s = ParentOf(s))
        {
            if (s.Vars is not null && s.Vars.ContainsKey(name))
            {
                SetLocal(s, name, value, userId);
                return;
            }
        }

        SetLocal(Root, name, value, userId);
    }

    public void SetLocal(ExecutionState s, string name, JsonNode? value, string? userId = null)
    {
        value = Canonical(value);

        s.Vars ??= [];
        var existed = s.Vars.ContainsKey(name);
        s.Vars[name] = value;
        Hist(existed ? HistoryEventType.VariableUpdated : HistoryEventType.VariableCreated, s.Parent is null ? null : s.Element, userId: userId, name: name,
            value: value?.DeepClone());
    }

    /// <summary>
    /// The form every variable value is kept in: parentless and backed by a parsed JSON element, exactly as it is after
    /// the state has been serialised and read back (so that numbers behave the same either way).
    /// </summary>
    public static JsonNode? Canonical(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v && v.TryGetValue<System.Text.Json.JsonElement>(out _))
        {
            return value.Parent is null ? value : value.DeepClone();
        }

        return JsonNode.Parse(value.ToJsonString());
    }

    /// <summary>Variables a task completes with (or a message brings): local when the element has output mappings, else propagated.</summary>
    public void SetVariables(ExecutionState e, FlowNode node, JsonObject? variables, string? userId = null)
    {
        if (variables is null || variables.Count == 0)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            if (node.Outputs.Count > 0)
            {
                SetLocal(e, name, value?.DeepClone(), userId);
            }
            else
            {
                SetVariable(e, name, value?.DeepClone(), userId);
            }
        }
    }

    /// <summary>A copy of the variables visible from an execution (inner scopes shadow outer ones).</summary>
    public JsonObject VisibleVariables(ExecutionState e)
    {
        var chain = new List<ExecutionState>();
        for (var s = e; s is not null; s = ParentOf(s))
        {
            chain.Add(s);
        }

        var result = new JsonObject();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].Vars is { } vars)
            {
                foreach (var (k, v) in vars)
                {
                    result[k] = v?.DeepClone();
                }
            }
        }

        return result;
    }

    private bool ApplyInputs(ExecutionState e, FlowNode node)
    {
        foreach (var m in node.Inputs)
        {
            if (!TryEvaluate(m.Source, e, out var v, out var error))
            {
                AddIncident(e, IncidentTypes.ExpressionFailed, $"Input mapping {m.Target} of {node.Id}: {error}", "enter");
                return false;
            }

            e.Vars ??= [];
            e.Vars[m.Target] = Canonical(v.ToJson());
        }

        return true;
    }

    private bool ApplyOutputs(ExecutionState e, FlowNode node)
    {
        var values = new List<(string, JsonNode?)>(node.Outputs.Count);
        foreach (var m in node.Outputs)
        {
            if (!TryEvaluate(m.Source, e, out var v, out var error))
            {
                AddIncident(e, IncidentTypes.ExpressionFailed, $"Output mapping {m.Target} of {node.Id}: {error}", "complete");
                return false;
            }

            values.Add((m.Target, v.ToJson()));
        }

        var parent = ParentOf(e) ?? Root;
        var instanceOutput = e.Mi == MultiInstanceRole.Inner && node is Activity { MultiInstance: { } mi }
            ? MultiInstanceBehavior.OutputVariable(mi.OutputElement)
            : null;
        foreach (var (name, value) in values)
        {
            if (instanceOutput is not null && string.Equals(name, instanceOutput, StringComparison.Ordinal))
            {
                // The multi-instance output element reads it from this instance (see MultiInstanceBehavior).
                SetLocal(e, name, value);
            }
            else
            {
                SetVariable(parent, name, value);
            }
        }

        return true;
    }

    // ---------------------------------------------------------------- expressions

    public bool TryEvaluate(string text, ExecutionState scope, out FeelValue value, out string error) =>
        TryEvaluate(text, BuildContext(scope), out value, out error);

    public bool TryEvaluate(string text, FeelContext context, out FeelValue value, out string error)
    {
        var parsed = Deployed.Compile(Engine.Feel, text);
        if (parsed.Expression is null)
        {
            value = FeelNull.Instance;
            error = $"'{text}' does not parse: {string.Join("; ", parsed.Errors)}";
            return false;
        }

        var result = parsed.Expression.Evaluate(context);
        value = result.Value;
        if (result.Failure is { } failure)
        {
            error = $"'{text}' failed: {failure.Message}";
            return false;
        }

        error = "";
        return true;
    }

    public bool TryCondition(string text, ExecutionState scope, out bool holds, out string error)
    {
        holds = false;
        if (!TryEvaluate(text, scope, out var v, out error))
        {
            return false;
        }

        switch (v)
        {
            case FeelBoolean b:
                holds = b.Value;
                return true;
            case FeelNull:
                return true;
            default:
                error = $"'{text}' gave {v}, not a boolean.";
                return false;
        }
    }

    public FeelContext BuildContext(ExecutionState scope)
    {
        // Fast path: only the process scope has variables.
        ExecutionState? only = null;
        var count = 0;
        for (var s = scope; s is not null; s = ParentOf(s))
        {
            if (s.Vars is { Count: > 0 })
            {
                only = s;
                count++;
            }
        }

        if (count == 0)
        {
            return FeelContext.Empty;
        }

        if (count == 1)
        {
            return FeelContext.FromJson(only!.Vars!);
        }

        var chain = new List<JsonObject>(count);
        for (var s = scope; s is not null; s = ParentOf(s))
        {
            if (s.Vars is { Count: > 0 } v)
            {
                chain.Add(v);
            }
        }

        var entries = new List<KeyValuePair<string, FeelValue>>();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (k, v) in chain[i])
            {
                entries.Add(new KeyValuePair<string, FeelValue>(k, FeelValue.FromJson(v)));
            }
        }

        return FeelContext.Create(entries);
    }

    /// <summary>A literal, or FEEL giving a string (numbers are written invariantly); <c>null</c> stays <c>null</c>.</summary>
    public bool TryString(ValueExpression? expr, ExecutionState e, out string? text, out string error)
    {
        error = "";
        text = null;
        if (expr is null)
        {
            return true;
        }

        if (!expr.IsFeel)
        {
            text = expr.Text;
            return true;
        }

        if (!TryEvaluate(expr.Text, e, out var v, out error))
        {
            return false;
        }

        text = AsText(v);
        return true;
    }

    public static string? AsText(FeelValue v) => v switch
    {
        FeelNull => null,
        FeelString s => s.Value,
        FeelNumber n => FeelNumber.Normalize(n.Value).ToString(CultureInfo.InvariantCulture),
        _ => v.ToJson()?.ToJsonString() is { } j && j.StartsWith('"') ? j.Trim('"') : v.ToString(),
    };

    /// <summary>A comma-separated literal, or FEEL giving a list of strings or one string.</summary>
    public bool TryList(ValueExpression? expr, ExecutionState e, List<string> into, out string error)
    {
        error = "";
        if (expr is null)
        {
            return true;
        }

        if (!expr.IsFeel)
        {
            Split(expr.Text, into);
            return true;
        }

        if (!TryEvaluate(expr.Text, e, out var v, out error))
        {
            return false;
        }

        if (v is FeelList list)
        {
            foreach (var item in list.Items)
            {
                if (AsText(item) is { Length: > 0 } s)
                {
                    into.Add(s);
                }
            }
        }
        else if (AsText(v) is { } s)
        {
            Split(s, into);
        }

        return true;

        static void Split(string text, List<string> into)
        {
            foreach (var part in text.Split(','))
            {
                var p = part.Trim();
                if (p.Length > 0)
                {
                    into.Add(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- timers and subscriptions

    /// <summary>Schedules a timer event's timer for an owner execution; <c>false</c> with the reason when its value is wrong.</summary>
    public bool TryScheduleTimer(ExecutionState owner, FlowNode node, TimerEventDefinition def, out string error)
    {
        TimerPlan plan;
        bool ok;
        if (def.Value.IsFeel)
        {
            ok = TryEvaluate(def.Value.Text, owner, out var v, out error);
            plan = default;
            ok = ok && TimerMath.TryPlan(def.Kind, v, Now, Engine.Zone, out plan, out error);
        }
        else
        {
            ok = TimerMath.TryPlan(def.Kind, def.Value.Text, Now, Engine.Zone, out plan, out error);
        }

        if (!ok)
        {
            error = $"Timer {node.Id}: {error}";
            return false;
        }

        if (!plan.Never)
        {
            AddTimer(owner.Id, node.Id, plan.Due, plan.Repeat, plan.Cycle);
        }

        return true;
    }

    public void AddTimer(int owner, string element, DateTimeOffset due, int repeat, string? cycle, TimerPurpose purpose = TimerPurpose.Event, int occurrence = 0, string? group = null)
    {
        var t = new TimerState
        {
            Id = NextId(), Exec = owner, Element = element, Due = due, Repeat = repeat, Cycle = repeat == 0 ? null : cycle,
            Purpose = purpose, Occurrence = occurrence, Group = group,
        };
        S.Timers.Add(t);
        R.TimersScheduledW.Add(new TimerInfo(Pid(t.Id), S.Id, element, due, repeat) { Purpose = purpose });
        Hist(HistoryEventType.TimerScheduled, element, itemId: Pid(t.Id), detail: due.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>Opens a message subscription for an owner execution; <c>false</c> with the reason when its key fails.</summary>
    public bool TrySubscribe(ExecutionState owner, FlowNode node, MessageDeclaration? message, ValueExpression? key, out string error)
    {
        if (!TryString(key, owner, out var k, out error))
        {
            error = $"Correlation key of {node.Id}: {error}";
            return false;
        }

        if (key is not null && string.IsNullOrEmpty(k))
        {
            // A key that evaluates to nothing would match every message of that name, another child's included.
            error = $"Correlation key of {node.Id}: '{key.Text}' gave no value; the message could not be told apart from another case's.";
            return false;
        }

        var s = new SubscriptionState { Id = NextId(), Exec = owner.Id, Element = node.Id, Name = message?.Name ?? node.Id, Key = k };
        S.Subscriptions.Add(s);
        R.SubscriptionsOpenedW.Add(new SubscriptionInfo(Pid(s.Id), S.Id, node.Id, s.Name, k));
        Hist(HistoryEventType.MessageSubscribed, node.Id, node.Kind, Pid(s.Id), name: s.Name, detail: k);
        return true;
    }

    public void ThrowMessage(ExecutionState e, FlowNode node, MessageEventDefinition def)
    {
        var name = def.Message?.Name ?? node.Id;
        var keyExpression = def.CorrelationKey ?? def.Message?.CorrelationKey;
        if (!TryString(keyExpression, e, out var key, out var error))
        {
            AddIncident(e, IncidentTypes.ExpressionFailed, $"Correlation key of {node.Id}: {error}", "enter");
            return;
        }

        if (keyExpression is not null && string.IsNullOrEmpty(key))
        {
            AddIncident(e, IncidentTypes.ExpressionFailed, $"Correlation key of {node.Id}: '{keyExpression.Text}' gave no value.", "enter");
            return;
        }

        R.MessagesThrownW.Add(new ThrownMessage(name, key, (JsonObject?)e.Vars?.DeepClone()));
        Hist(HistoryEventType.MessageThrown, node.Id, node.Kind, name: name, detail: key);
    }
}
