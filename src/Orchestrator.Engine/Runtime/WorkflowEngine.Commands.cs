using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Gateways;
using Orchestrator.Engine.Runtime.Tasks;

namespace Orchestrator.Engine.Runtime;

/// <summary>What each command does to an instance: tasks, messages, timers, jobs, called children.</summary>
public sealed partial class WorkflowEngine
{
    private static T FindItem<T>(InstanceRun run, List<T> items, string publicId, Func<T, int> idOf, string what)
    {
        if (TryNumber(run.S, publicId, out var n))
        {
            foreach (var item in items)
            {
                if (idOf(item) == n)
                {
                    return item;
                }
            }
        }

        throw new WorkflowCommandException(CommandRejection.NotFound, $"No open {what} {publicId} in instance {run.S.Id}.");
    }

    private static bool TryNumber(ProcessInstanceState state, string publicId, out int n)
    {
        n = 0;
        return publicId.Length > state.Id.Length + 1 && publicId.StartsWith(state.Id, StringComparison.Ordinal) && publicId[state.Id.Length] == ':'
            && int.TryParse(publicId.AsSpan(state.Id.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out n);
    }

    private static void CompleteTask(InstanceRun run, CompleteUserTask c)
    {
        var task = FindItem(run, run.S.Tasks, c.TaskId, static t => t.Id, "task");
        var e = run.Exec(task.Exec)!;
        var node = run.Node(e);
        run.S.Tasks.Remove(task);
        run.R.TasksEndedW.Add(new EndedTask(c.TaskId, task.Element, TaskEndReason.Completed, c.UserId));
        run.Hist(HistoryEventType.TaskCompleted, task.Element, node.Kind, c.TaskId, c.UserId);
        run.SetVariables(e, node, c.Variables, c.UserId);
        run.Complete(e, node);
        run.Drain();
    }

    private static void Claim(InstanceRun run, ClaimUserTask c)
    {
        var task = FindItem(run, run.S.Tasks, c.TaskId, static t => t.Id, "task");
        if (task.Assignee is not null && task.Assignee != c.UserId)
        {
            throw new WorkflowCommandException(CommandRejection.Conflict, $"Task {c.TaskId} is already claimed by {task.Assignee}.");
        }

        task.Assignee = c.UserId;
        run.R.TasksUpdatedW.Add(ToInfo(run.S, run.Deployed, task));
        run.Hist(HistoryEventType.TaskClaimed, task.Element, "userTask", c.TaskId, c.UserId, name: c.UserId);
    }

    private static void Reassign(InstanceRun run, string taskId, string? assignee, string? userId, HistoryEventType type)
    {
        var task = FindItem(run, run.S.Tasks, taskId, static t => t.Id, "task");
        task.Assignee = assignee;
        run.R.TasksUpdatedW.Add(ToInfo(run.S, run.Deployed, task));
        run.Hist(type, task.Element, "userTask", taskId, userId, name: assignee);
    }

    private static void Correlate(InstanceRun run, CorrelateMessage c)
    {
        SubscriptionState? sub = null;
        foreach (var s in run.S.Subscriptions)
        {
            if (c.SubscriptionId is { } sid
                    ? TryNumber(run.S, sid, out var n) && s.Id == n
                    : s.Name == c.Name && (s.Key is null || s.Key == c.CorrelationKey))
            {
                sub = s;
                break;
            }
        }

        if (sub is null)
        {
            return;
        }

        run.R.Correlated = true;
        var owner = run.Exec(sub.Exec)!;
        var node = run.Deployed.Node(sub.Element);
        var keep = node is BoundaryEvent { CancelActivity: false } || node is StartEvent { IsInterrupting: false };
        if (!keep)
        {
            run.S.Subscriptions.Remove(sub);
            run.R.SubscriptionsClosedW.Add(run.Pid(sub.Id));
        }

        run.Hist(HistoryEventType.MessageCorrelated, sub.Element, node.Kind, run.Pid(sub.Id), name: c.Name, detail: c.CorrelationKey);
        Trigger(run, owner, node, c.Variables);
        run.Drain();
    }

    private static void Fire(InstanceRun run, FireTimer c)
    {
        TimerState? timer = null;
        if (TryNumber(run.S, c.TimerId, out var n))
        {
            foreach (var t in run.S.Timers)
            {
                if (t.Id == n)
                {
                    timer = t;
                    break;
                }
            }
        }

        if (timer is null)
        {
            return;
        }

        run.S.Timers.Remove(timer);
        run.R.TimersRemovedW.Add(c.TimerId);
        run.Hist(HistoryEventType.TimerFired, timer.Element, itemId: c.TimerId);
        var owner = run.Exec(timer.Exec)!;
        if (timer.Purpose != TimerPurpose.Event)
        {
            TaskFollowUps.Fire(run, timer, owner);
            return;
        }

        var node = run.Deployed.Node(timer.Element);
        if (timer.Repeat != 0 && timer.Cycle is { } cycle
            && (node is BoundaryEvent { CancelActivity: false } || node is StartEvent { IsInterrupting: false })
            && Timers.TimerMath.NextAfter(cycle, timer.Due, timer.Repeat, run.Now) is { } next)
        {
            run.AddTimer(owner.Id, timer.Element, next.Due, next.RemainingAfter, cycle);
        }

        Trigger(run, owner, node, null);
        run.Drain();
    }

    /// <summary>A timer or message for <paramref name="node"/> happened on <paramref name="owner"/>.</summary>
    private static void Trigger(InstanceRun run, ExecutionState owner, FlowNode node, JsonObject? variables)
    {
        switch (node)
        {
            case BoundaryEvent b:
                run.TriggerBoundary(owner, b, variables);
                break;
            case StartEvent s when s.Parent is SubProcess { TriggeredByEvent: true } esp:
                run.TriggerEventSubProcess(owner, esp, s, s.IsInterrupting, variables);
                break;
            default:
                if (owner.Element == node.Id)
                {
                    run.SetVariables(owner, node, variables);
                    run.Complete(owner, node);
                }
                else
                {
                    EventBasedGatewayBehavior.Trigger(run, owner, node, variables);
                }

                break;
        }
    }

    private static void CompleteJobCommand(InstanceRun run, CompleteJob c)
    {
        var job = FindItem(run, run.S.Jobs, c.JobId, static j => j.Id, "job");
        var e = run.Exec(job.Exec)!;
        var node = run.Node(e);
        run.S.Jobs.Remove(job);
        run.R.JobsRemovedW.Add(c.JobId);
        run.SetVariables(e, node, c.Variables);
        run.Complete(e, node);
        run.Drain();
    }

    private void Fail(InstanceRun run, FailJob c)
    {
        var job = FindItem(run, run.S.Jobs, c.JobId, static j => j.Id, "job");
        var e = run.Exec(job.Exec)!;
        var node = run.Node(e);
        run.Hist(HistoryEventType.JobFailed, job.Element, node.Kind, c.JobId, detail: c.Message);
        job.Retries--;
        if (c.Retryable && job.Retries > 0)
        {
            var configured = node switch { ServiceTask s => s.Retries, SendTask s => s.Retries, _ => 3 };
            var attempt = Math.Max(1, configured - job.Retries);
            var backoffs = Options.RetryBackoff;
            var backoff = c.Backoff ?? (backoffs.Count == 0 ? TimeSpan.Zero : backoffs[Math.Min(attempt, backoffs.Count) - 1]);
            job.Due = run.Now + backoff;
            run.R.JobsCreatedW.Add(new JobInfo(c.JobId, run.S.Id, job.Element, job.Type, node is SendTask ? JobKind.Send : JobKind.Service, job.Retries, job.Due.Value));
            return;
        }

        run.S.Jobs.Remove(job);
        run.R.JobsRemovedW.Add(c.JobId);
        run.AddIncident(e, IncidentTypes.JobFailed, c.Message, "job");
    }

    private static void JobError(InstanceRun run, ThrowJobError c)
    {
        var job = FindItem(run, run.S.Jobs, c.JobId, static j => j.Id, "job");
        var e = run.Exec(job.Exec)!;
        run.S.Jobs.Remove(job);
        run.R.JobsRemovedW.Add(c.JobId);
        run.ThrowError(e, c.ErrorCode, c.Message, c.Variables);
        run.Drain();
    }

    private static void ResumeChild(InstanceRun run, ResumeFromChild c)
    {
        var e = run.Exec(c.Execution);
        if (e is null || e.Child != c.ChildInstanceId || run.Node(e) is not CallActivity ca)
        {
            return;
        }

        if (c.Cancelled)
        {
            e.Child = null;
            run.AddIncident(e, IncidentTypes.CalledInstanceCancelled, $"The called instance {c.ChildInstanceId} was cancelled.", "enter");
        }
        else if (c.ErrorCode is not null)
        {
            e.Child = null;
            e.Phase = ExecutionPhase.Wait;
            run.ThrowError(e, c.ErrorCode, "thrown in called instance " + c.ChildInstanceId, null);
        }
        else
        {
            CallActivityBehavior.Resume(run, e, ca, c.Variables);
        }

        run.Drain();
    }
}
