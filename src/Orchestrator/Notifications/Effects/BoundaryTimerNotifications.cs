using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Notifications.Effects;

/// <summary>
/// Reminders and escalations of DRAWN timer boundary events, derived from the engine's history (a <c>TimerFired</c> on a
/// timer boundary event attached to a user task): non-interrupting → reminder, interrupting → escalation. The
/// attribute form (<c>orc:reminder</c>, <c>orc:escalateAfter</c>) arrives separately as <see cref="EngineResult.Notifications"/>.
/// </summary>
internal static class BoundaryTimerNotifications
{
    public static IReadOnlyList<TaskTimerNotification> From(EngineResult result, DeployedProcess? process, Func<string, IReadOnlyList<string>> openTasksOfElement)
    {
        if (process is null)
        {
            return [];
        }

        var list = new List<TaskTimerNotification>();
        foreach (var fired in result.History.Where(h => h.Type == HistoryEventType.TimerFired && h.ElementId is not null))
        {
            if (process.Definition.FindNode(fired.ElementId!) is not BoundaryEvent { AttachedTo: UserTask task, Definition: TimerEventDefinition } boundary)
            {
                continue;
            }

            if (boundary.CancelActivity)
            {
                foreach (var ended in result.TasksEnded.Where(t => t.ElementId == task.Id && t.Reason == TaskEndReason.Cancelled))
                {
                    list.Add(new TaskTimerNotification(TaskNotificationKind.Escalation, ended.Id, boundary.Id));
                }
            }
            else
            {
                foreach (var taskId in openTasksOfElement(task.Id))
                {
                    list.Add(new TaskTimerNotification(TaskNotificationKind.Reminder, taskId, boundary.Id));
                }
            }
        }

        return list;
    }
}
