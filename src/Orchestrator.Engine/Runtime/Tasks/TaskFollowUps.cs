using System.Globalization;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime.Timers;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>
/// <c>orc:reminder</c> and <c>orc:escalateAfter</c>: ordinary timers of the task's execution (so the host persists and
/// fires them like any timer, and they end with the task whatever ends it), which notify instead of moving a token.
/// </summary>
internal static class TaskFollowUps
{
    /// <summary>Evaluates the attributes in the task's scope; <c>false</c> with the reason when one is wrong (an incident on entry).</summary>
    public static bool TryPlan(InstanceRun run, ExecutionState e, FlowNode node, out FollowUpPlan plan, out string error)
    {
        plan = default;
        error = "";
        if (node is not IFollowedUpTask task || (task.Reminder is null && task.EscalateAfter is null))
        {
            return true;
        }

        TimerPlan? reminder = null;
        if (task.Reminder is { } r)
        {
            if (!TryReminder(run, e, r, out reminder, out error))
            {
                error = $"orc:reminder of {node.Id}: {error}";
                return false;
            }
        }

        DateTimeOffset? escalationDue = null;
        string? group = null;
        if (task.EscalateAfter is { } after)
        {
            if (!TryEscalation(run, e, after, out escalationDue, out error))
            {
                error = $"orc:escalateAfter of {node.Id}: {error}";
                return false;
            }

            if (!run.TryString(task.EscalateTo, e, out group, out error))
            {
                error = $"orc:escalateTo of {node.Id}: {error}";
                return false;
            }

            group = string.IsNullOrWhiteSpace(group) ? OrcDialect.DefaultEscalationGroup : group.Trim();
        }

        plan = new FollowUpPlan(reminder, escalationDue, group);
        return true;
    }

    /// <summary>Schedules the planned timers on the task's execution.</summary>
    public static void Schedule(InstanceRun run, ExecutionState e, FlowNode node, FollowUpPlan plan)
    {
        if (plan.Reminder is { Never: false } r)
        {
            run.AddTimer(e.Id, node.Id, r.Due, r.Repeat, r.Cycle, TimerPurpose.Reminder, occurrence: 1);
        }

        if (plan.EscalationDue is { } due)
        {
            run.AddTimer(e.Id, node.Id, due, 0, null, TimerPurpose.Escalation, occurrence: 1, group: plan.EscalationGroup);
        }
    }

    /// <summary>A reminder or escalation timer fell due: notify (and escalate); the token stays where it is.</summary>
    public static void Fire(InstanceRun run, TimerState timer, ExecutionState owner)
    {
        var node = run.Node(owner);
        UserTaskState? task = null;
        foreach (var t in run.S.Tasks)
        {
            if (t.Exec == owner.Id)
            {
                task = t;
                break;
            }
        }

        var taskId = task is null ? null : run.Pid(task.Id);
        if (timer.Purpose == TimerPurpose.Reminder)
        {
            if (timer.Repeat != 0 && timer.Cycle is { } cycle && TimerMath.NextAfter(cycle, timer.Due, timer.Repeat, run.Now) is { } next)
            {
                run.AddTimer(owner.Id, timer.Element, next.Due, next.RemainingAfter, cycle, TimerPurpose.Reminder, timer.Occurrence + 1);
            }

            var occurrence = Math.Max(1, timer.Occurrence);
            run.R.NotificationsW.Add(new TaskNotification(TaskNotificationKind.Reminder, taskId, timer.Element, run.S.Id, occurrence, timer.Due, null)
            {
                Task = task is null ? null : WorkflowEngine.ToInfo(run.S, run.Deployed, task),
            });
            run.Hist(HistoryEventType.TaskReminderSent, timer.Element, node.Kind, taskId ?? run.Pid(timer.Id),
                detail: "reminder " + occurrence.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var group = timer.Group ?? OrcDialect.DefaultEscalationGroup;
        if (task is not null && !task.CandidateGroups.Contains(group, StringComparer.Ordinal))
        {
            task.CandidateGroups.Add(group);
            run.R.TasksUpdatedW.Add(WorkflowEngine.ToInfo(run.S, run.Deployed, task));
        }

        run.R.NotificationsW.Add(new TaskNotification(TaskNotificationKind.Escalation, taskId, timer.Element, run.S.Id, 1, timer.Due, group)
        {
            Task = task is null ? null : WorkflowEngine.ToInfo(run.S, run.Deployed, task),
        });
        run.Hist(HistoryEventType.TaskEscalated, timer.Element, node.Kind, taskId ?? run.Pid(timer.Id), name: group, detail: "escalated to " + group);
    }

    /// <summary>A duration (once), a cycle, or from FEEL also a date-time (once); FEEL giving null means no reminder.</summary>
    private static bool TryReminder(InstanceRun run, ExecutionState e, ValueExpression expr, out TimerPlan? plan, out string error)
    {
        plan = null;
        error = "";
        FeelValue value;
        if (expr.IsFeel)
        {
            if (!run.TryEvaluate(expr.Text, e, out value, out error))
            {
                return false;
            }
        }
        else
        {
            value = new FeelString(expr.Text);
        }

        switch (value)
        {
            case FeelNull:
                return true;
            case FeelString s:
                var text = s.Value.Trim();
                if (IsoTimer.TryParseDuration(text, out var once) && !once.IsZero)
                {
                    plan = new TimerPlan(once.AddTo(run.Now), 0, null);
                    return true;
                }

                if (text.StartsWith('R') && TimerMath.TryPlan(TimerKind.Cycle, text, run.Now, run.Engine.Zone, out var cyclePlan, out _))
                {
                    plan = cyclePlan;
                    return true;
                }

                error = $"'{text}' is neither an ISO 8601 duration (P30D: once) nor a cycle (R/P7D, R2/P1D).";
                return false;
            default:
                if (TimerMath.DateOrDuration(value, run.Now, run.Engine.Zone) is { } due)
                {
                    plan = new TimerPlan(due, 0, null);
                    return true;
                }

                error = $"'{expr.Text}' gave {value}, not a duration, cycle or date-time.";
                return false;
        }
    }

    /// <summary>A duration from now or a date-time; FEEL giving null means no escalation.</summary>
    private static bool TryEscalation(InstanceRun run, ExecutionState e, ValueExpression expr, out DateTimeOffset? due, out string error)
    {
        due = null;
        error = "";
        if (!expr.IsFeel)
        {
            due = TimerMath.DateOrDuration(expr.Text.Trim(), run.Now, run.Engine.Zone);
            if (due is null)
            {
                error = $"'{expr.Text}' is neither an ISO 8601 duration nor a date-time.";
                return false;
            }

            return true;
        }

        if (!run.TryEvaluate(expr.Text, e, out var value, out error))
        {
            return false;
        }

        if (value is FeelNull)
        {
            return true;
        }

        due = TimerMath.DateOrDuration(value, run.Now, run.Engine.Zone);
        if (due is null)
        {
            error = $"'{expr.Text}' gave {value}, not a duration or a date-time.";
            return false;
        }

        return true;
    }
}
