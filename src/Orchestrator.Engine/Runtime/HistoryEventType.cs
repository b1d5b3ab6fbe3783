namespace Orchestrator.Engine.Runtime;

/// <summary>What a <see cref="HistoryEvent"/> records.</summary>
public enum HistoryEventType
{
    /// <summary>The instance started.</summary>
    InstanceStarted,

    /// <summary>The instance completed.</summary>
    InstanceCompleted,

    /// <summary>The instance was cancelled.</summary>
    InstanceCancelled,

    /// <summary>The instance was ended by a terminate end event.</summary>
    InstanceTerminated,

    /// <summary>A token entered an element.</summary>
    ElementStarted,

    /// <summary>An element completed.</summary>
    ElementCompleted,

    /// <summary>An element was cancelled (boundary event, cancellation, completion condition).</summary>
    ElementCancelled,

    /// <summary>An element was ended by a terminate end event.</summary>
    ElementTerminated,

    /// <summary>A user task was created.</summary>
    TaskCreated,

    /// <summary>A user task's assignee was set.</summary>
    TaskAssigned,

    /// <summary>A user task was claimed.</summary>
    TaskClaimed,

    /// <summary>A user task was unclaimed.</summary>
    TaskUnclaimed,

    /// <summary>A user task was completed.</summary>
    TaskCompleted,

    /// <summary>A user task was cancelled.</summary>
    TaskCancelled,

    /// <summary>A variable was created.</summary>
    VariableCreated,

    /// <summary>A variable was updated.</summary>
    VariableUpdated,

    /// <summary>A timer was scheduled.</summary>
    TimerScheduled,

    /// <summary>A timer fired.</summary>
    TimerFired,

    /// <summary>A timer was cancelled.</summary>
    TimerCancelled,

    /// <summary>A message subscription was opened.</summary>
    MessageSubscribed,

    /// <summary>A message was correlated.</summary>
    MessageCorrelated,

    /// <summary>A message was thrown.</summary>
    MessageThrown,

    /// <summary>A job was created.</summary>
    JobCreated,

    /// <summary>A job attempt failed.</summary>
    JobFailed,

    /// <summary>A BPMN error was thrown.</summary>
    ErrorThrown,

    /// <summary>An escalation was thrown.</summary>
    EscalationThrown,

    /// <summary>An incident was raised.</summary>
    IncidentRaised,

    /// <summary>An incident was resolved.</summary>
    IncidentResolved,

    /// <summary>A call activity asked for a child instance.</summary>
    ChildInstanceRequested,

    /// <summary>A task's <c>orc:reminder</c> fell due: a reminder notification was emitted (<see cref="HistoryEvent.Detail"/>: which one).</summary>
    TaskReminderSent,

    /// <summary>A task's <c>orc:escalateAfter</c> fell due: the task was escalated (<see cref="HistoryEvent.Name"/>: the group) and stays open.</summary>
    TaskEscalated,
}
