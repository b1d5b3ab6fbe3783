using System.Globalization;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Timers;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>A user task: creates an inbox task and waits for its completion.</summary>
internal sealed class UserTaskBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        var ut = (UserTask)node;
        var task = new UserTaskState { Id = 0, Exec = e.Id, Element = ut.Id, Created = run.Now, Priority = 50 };
        if (!Fill(run, e, ut, task, out var error) || !TaskFollowUps.TryPlan(run, e, ut, out var followUps, out error))
        {
            run.AddIncident(e, IncidentTypes.ExpressionFailed, $"User task {ut.Id}: {error}", "enter");
            return;
        }

        task.Id = run.NextId();
        run.S.Tasks.Add(task);
        e.Phase = ExecutionPhase.Wait;
        var info = WorkflowEngine.ToInfo(run.S, run.Deployed, task);
        run.R.TasksCreatedW.Add(info);
        run.Hist(HistoryEventType.TaskCreated, ut.Id, ut.Kind, info.Id);
        if (task.Assignee is not null)
        {
            run.Hist(HistoryEventType.TaskAssigned, ut.Id, ut.Kind, info.Id, name: task.Assignee);
        }

        TaskFollowUps.Schedule(run, e, ut, followUps);
    }

    private static bool Fill(InstanceRun run, ExecutionState e, UserTask ut, UserTaskState task, out string error)
    {
        if (!run.TryString(ut.Assignee, e, out var assignee, out error)
            || !run.TryList(ut.CandidateUsers, e, task.CandidateUsers, out error)
            || !run.TryList(ut.CandidateGroups, e, task.CandidateGroups, out error)
            || !run.TryString(ut.FormKey, e, out var formKey, out error)
            || !run.TryString(ut.ExternalRecipient, e, out var external, out error)
            || !run.TryString(ut.Language, e, out var language, out error)
            || !TryDate(run, e, ut.DueDate, out var due, out error)
            || !TryDate(run, e, ut.FollowUpDate, out var followUp, out error))
        {
            return false;
        }

        task.Assignee = string.IsNullOrEmpty(assignee) ? null : assignee;
        task.FormKey = formKey;
        task.External = string.IsNullOrWhiteSpace(external) ? null : external.Trim();
        task.Due = due;
        task.FollowUp = followUp;
        task.Language = string.IsNullOrWhiteSpace(language) ? null : language.Trim();
        task.Notify = ut.Notify switch
        {
            "assignee" => TaskNotify.Assignee,
            "candidates" => TaskNotify.Candidates,
            "none" => TaskNotify.None,
            _ => task.Assignee is null ? TaskNotify.None : TaskNotify.Assignee,
        };
        if (ut.Priority is { } p)
        {
            if (p.IsFeel)
            {
                if (!run.TryEvaluate(p.Text, e, out var v, out error))
                {
                    return false;
                }

                if (v is FeelNumber n)
                {
                    task.Priority = (int)n.Value;
                }
            }
            else if (int.TryParse(p.Text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var literal))
            {
                task.Priority = literal;
            }
        }

        return true;
    }

    private static bool TryDate(InstanceRun run, ExecutionState e, ValueExpression? expr, out DateTimeOffset? date, out string error)
    {
        date = null;
        error = "";
        if (expr is null)
        {
            return true;
        }

        if (!expr.IsFeel)
        {
            date = TimerMath.DateOrDuration(expr.Text, run.Now, run.Engine.Zone);
            if (date is null)
            {
                error = $"'{expr.Text}' is neither an ISO 8601 date-time nor a duration.";
                return false;
            }

            return true;
        }

        if (!run.TryEvaluate(expr.Text, e, out var v, out error))
        {
            return false;
        }

        date = TimerMath.DateOrDuration(v, run.Now, run.Engine.Zone);
        if (date is null && v is not FeelNull)
        {
            error = $"'{expr.Text}' gave {v}, not a date-time or a duration.";
            return false;
        }

        return true;
    }
}
