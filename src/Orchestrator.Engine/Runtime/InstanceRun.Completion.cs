using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Tasks;

namespace Orchestrator.Engine.Runtime;

/// <summary>Completing elements and scopes, ending the instance, cancelling, terminating, closing what is attached to an execution.</summary>
internal sealed partial class InstanceRun
{
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
}
