using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// What one command changed, for the host to persist in one transaction: the new state and every row-level change
/// (tasks, timers, subscriptions, jobs, incidents, children, messages) plus the history events.
/// </summary>
public sealed class EngineResult
{
    private List<UserTaskInfo>? _tasksCreated;
    private List<UserTaskInfo>? _tasksUpdated;
    private List<EndedTask>? _tasksEnded;
    private List<TimerInfo>? _timersScheduled;
    private List<string>? _timersRemoved;
    private List<SubscriptionInfo>? _subscriptionsOpened;
    private List<string>? _subscriptionsClosed;
    private List<JobInfo>? _jobsCreated;
    private List<string>? _jobsRemoved;
    private List<IncidentInfo>? _incidentsRaised;
    private List<string>? _incidentsResolved;
    private List<ChildInstanceStart>? _childrenToStart;
    private List<string>? _childrenToCancel;
    private List<ChildEscalated>? _escalationsToParent;
    private List<ThrownMessage>? _messagesThrown;
    private List<TaskNotification>? _notifications;
    private List<HistoryEvent>? _history;

    internal EngineResult(ProcessInstanceState state) => State = state;

    /// <summary>
    /// Drops the work that was both created and ended within this one command (a task, timer, subscription, job,
    /// incident or called child made and then cancelled by an error, a terminate end or an interrupting event in the
    /// same step): it never existed outside the engine, so the host must neither store it nor run it. History keeps it.
    /// </summary>
    internal void Net()
    {
        if (_tasksCreated is { Count: > 0 } tc && _tasksEnded is { Count: > 0 } te)
        {
            var gone = Both(tc, static t => t.Id, te, static t => t.Id);
            if (gone is not null)
            {
                tc.RemoveAll(t => gone.Contains(t.Id));
                te.RemoveAll(t => gone.Contains(t.Id));
                _tasksUpdated?.RemoveAll(t => gone.Contains(t.Id));
            }
        }

        if (_timersScheduled is { Count: > 0 } ts && _timersRemoved is { Count: > 0 } tr && Both(ts, static t => t.Id, tr, static id => id) is { } timers)
        {
            ts.RemoveAll(t => timers.Contains(t.Id));
            tr.RemoveAll(timers.Contains);
        }

        if (_subscriptionsOpened is { Count: > 0 } so && _subscriptionsClosed is { Count: > 0 } sc && Both(so, static s => s.Id, sc, static id => id) is { } subs)
        {
            so.RemoveAll(s => subs.Contains(s.Id));
            sc.RemoveAll(subs.Contains);
        }

        if (_jobsCreated is { Count: > 0 } jc && _jobsRemoved is { Count: > 0 } jr && Both(jc, static j => j.Id, jr, static id => id) is { } jobs)
        {
            jc.RemoveAll(j => jobs.Contains(j.Id));
            jr.RemoveAll(jobs.Contains);
        }

        if (_incidentsRaised is { Count: > 0 } ir && _incidentsResolved is { Count: > 0 } ic && Both(ir, static i => i.Id, ic, static id => id) is { } incidents)
        {
            ir.RemoveAll(i => incidents.Contains(i.Id));
            ic.RemoveAll(incidents.Contains);
        }

        if (_childrenToStart is { Count: > 0 } cs && _childrenToCancel is { Count: > 0 } cc
            && Both(cs, static c => c.Command.InstanceId ?? "", cc, static id => id) is { } children)
        {
            cs.RemoveAll(c => children.Contains(c.Command.InstanceId ?? ""));
            cc.RemoveAll(children.Contains);
        }
    }

    private static HashSet<string>? Both<TA, TB>(List<TA> made, Func<TA, string> madeId, List<TB> ended, Func<TB, string> endedId)
    {
        HashSet<string>? result = null;
        foreach (var m in made)
        {
            var id = madeId(m);
            foreach (var x in ended)
            {
                if (string.Equals(id, endedId(x), StringComparison.Ordinal))
                {
                    (result ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>The instance's state after the command (the same object that was passed in, changed in place).</summary>
    public ProcessInstanceState State { get; internal set; }

    /// <summary>User tasks created.</summary>
    public IReadOnlyList<UserTaskInfo> TasksCreated => _tasksCreated ?? (IReadOnlyList<UserTaskInfo>)[];

    internal List<UserTaskInfo> TasksCreatedW => _tasksCreated ??= [];

    /// <summary>User tasks whose assignee changed (claim, unclaim, assign) or that were escalated (a candidate group added).</summary>
    public IReadOnlyList<UserTaskInfo> TasksUpdated => _tasksUpdated ?? (IReadOnlyList<UserTaskInfo>)[];

    internal List<UserTaskInfo> TasksUpdatedW => _tasksUpdated ??= [];

    /// <summary>User tasks that ended (completed or cancelled).</summary>
    public IReadOnlyList<EndedTask> TasksEnded => _tasksEnded ?? (IReadOnlyList<EndedTask>)[];

    internal List<EndedTask> TasksEndedW => _tasksEnded ??= [];

    /// <summary>Timers scheduled (each cycle repetition is a new timer).</summary>
    public IReadOnlyList<TimerInfo> TimersScheduled => _timersScheduled ?? (IReadOnlyList<TimerInfo>)[];

    internal List<TimerInfo> TimersScheduledW => _timersScheduled ??= [];

    /// <summary>Ids of timers cancelled or fired (no longer pending).</summary>
    public IReadOnlyList<string> TimersRemoved => _timersRemoved ?? (IReadOnlyList<string>)[];

    internal List<string> TimersRemovedW => _timersRemoved ??= [];

    /// <summary>Message subscriptions opened.</summary>
    public IReadOnlyList<SubscriptionInfo> SubscriptionsOpened => _subscriptionsOpened ?? (IReadOnlyList<SubscriptionInfo>)[];

    internal List<SubscriptionInfo> SubscriptionsOpenedW => _subscriptionsOpened ??= [];

    /// <summary>Ids of message subscriptions closed (correlated or cancelled).</summary>
    public IReadOnlyList<string> SubscriptionsClosed => _subscriptionsClosed ?? (IReadOnlyList<string>)[];

    internal List<string> SubscriptionsClosedW => _subscriptionsClosed ??= [];

    /// <summary>Jobs to run (new, or again after a failure with back-off).</summary>
    public IReadOnlyList<JobInfo> JobsCreated => _jobsCreated ?? (IReadOnlyList<JobInfo>)[];

    internal List<JobInfo> JobsCreatedW => _jobsCreated ??= [];

    /// <summary>Ids of jobs no longer to run (done, cancelled, or out of retries).</summary>
    public IReadOnlyList<string> JobsRemoved => _jobsRemoved ?? (IReadOnlyList<string>)[];

    internal List<string> JobsRemovedW => _jobsRemoved ??= [];

    /// <summary>Incidents raised.</summary>
    public IReadOnlyList<IncidentInfo> IncidentsRaised => _incidentsRaised ?? (IReadOnlyList<IncidentInfo>)[];

    internal List<IncidentInfo> IncidentsRaisedW => _incidentsRaised ??= [];

    /// <summary>Ids of incidents resolved (retried, or their element cancelled).</summary>
    public IReadOnlyList<string> IncidentsResolved => _incidentsResolved ?? (IReadOnlyList<string>)[];

    internal List<string> IncidentsResolvedW => _incidentsResolved ??= [];

    /// <summary>Child instances the host must start (call activities).</summary>
    public IReadOnlyList<ChildInstanceStart> ChildrenToStart => _childrenToStart ?? (IReadOnlyList<ChildInstanceStart>)[];

    internal List<ChildInstanceStart> ChildrenToStartW => _childrenToStart ??= [];

    /// <summary>Child instance ids the host must cancel (with <see cref="CancelInstance.ByParent"/>).</summary>
    public IReadOnlyList<string> ChildrenToCancel => _childrenToCancel ?? (IReadOnlyList<string>)[];

    internal List<string> ChildrenToCancelW => _childrenToCancel ??= [];

    /// <summary>Set when this (called) instance ended and its parent must be resumed with <see cref="ResumeFromChild"/>.</summary>
    public ResumeFromChild? ParentToResume { get; internal set; }

    /// <summary>Escalations this (called) instance did not catch, for its parent (run each on <see cref="ParentInstanceId"/>).</summary>
    public IReadOnlyList<ChildEscalated> EscalationsToParent => _escalationsToParent ?? (IReadOnlyList<ChildEscalated>)[];

    internal List<ChildEscalated> EscalationsToParentW => _escalationsToParent ??= [];

    /// <summary>The parent instance id <see cref="ParentToResume"/> and <see cref="EscalationsToParent"/> go to.</summary>
    public string? ParentInstanceId { get; internal set; }

    /// <summary>Messages thrown by message end and intermediate throw events, for the host to correlate.</summary>
    public IReadOnlyList<ThrownMessage> MessagesThrown => _messagesThrown ?? (IReadOnlyList<ThrownMessage>)[];

    internal List<ThrownMessage> MessagesThrownW => _messagesThrown ??= [];

    /// <summary>
    /// Reminders and escalations of tasks (<c>orc:reminder</c>, <c>orc:escalateAfter</c>) that fell due in this command,
    /// for the host to turn into emails. A task's creation is not one: <see cref="UserTaskInfo.Notify"/> says whom to tell.
    /// </summary>
    public IReadOnlyList<TaskNotification> Notifications => _notifications ?? (IReadOnlyList<TaskNotification>)[];

    internal List<TaskNotification> NotificationsW => _notifications ??= [];

    /// <summary>The audit trail of the command, in order.</summary>
    public IReadOnlyList<HistoryEvent> History => _history ?? (IReadOnlyList<HistoryEvent>)[];

    internal List<HistoryEvent> HistoryW => _history ??= [];

    /// <summary>For <see cref="CorrelateMessage"/>: whether a subscription took the message.</summary>
    public bool Correlated { get; internal set; }
}

/// <summary>A user task as the inbox shows it.</summary>
/// <param name="Id">The task id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The user task element id.</param>
/// <param name="Name">The element name.</param>
public sealed record UserTaskInfo(string Id, string InstanceId, string ElementId, string? Name)
{
    /// <summary>The process id.</summary>
    public string ProcessId { get; init; } = "";

    /// <summary>The business key of the instance.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>The assignee.</summary>
    public string? Assignee { get; init; }

    /// <summary>Candidate users.</summary>
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    /// <summary>Candidate groups.</summary>
    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    /// <summary>Due date.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>Follow-up date.</summary>
    public DateTimeOffset? FollowUp { get; init; }

    /// <summary>Priority.</summary>
    public int Priority { get; init; }

    /// <summary>Form key.</summary>
    public string? FormKey { get; init; }

    /// <summary>Email of an outside recipient who completes the task through a link.</summary>
    public string? ExternalRecipient { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Whom the host emails when the task is created (<c>orc:notify</c>; default: the assignee when there is one, else nobody).</summary>
    public Model.TaskNotify Notify { get; init; }

    /// <summary>The outside recipient's language (<c>orc:language</c>), <c>null</c> when the element names none.</summary>
    public string? Language { get; init; }
}

/// <summary>What a <see cref="TaskNotification"/> is about.</summary>
public enum TaskNotificationKind
{
    /// <summary>An <c>orc:reminder</c> fell due.</summary>
    Reminder,

    /// <summary>An <c>orc:escalateAfter</c> fell due; the task was offered to <see cref="TaskNotification.EscalatedTo"/> and stays open.</summary>
    Escalation,
}

/// <summary>A reminder or escalation of an open task, for the host to send.</summary>
/// <param name="Kind">Reminder or escalation.</param>
/// <param name="TaskId">The user task's id; <c>null</c> for a receive task (nobody's inbox: the reminder is about a message still awaited).</param>
/// <param name="ElementId">The task element.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Occurrence">For reminders, which one (1 for the first); 1 for an escalation.</param>
/// <param name="Due">When it fell due (the timer's due instant; the command may run later).</param>
/// <param name="EscalatedTo">For escalations, the group added to the task's candidate groups.</param>
public sealed record TaskNotification(TaskNotificationKind Kind, string? TaskId, string ElementId, string InstanceId, int Occurrence, DateTimeOffset Due, string? EscalatedTo)
{
    /// <summary>The user task as it is after this command (assignee, candidates, outside recipient, language), so the host needs no other read to address the email.</summary>
    public UserTaskInfo? Task { get; init; }
}

/// <summary>How a user task ended.</summary>
public enum TaskEndReason
{
    /// <summary>Completed by someone.</summary>
    Completed,

    /// <summary>Cancelled with its scope (boundary event, cancellation, terminate end).</summary>
    Cancelled,
}

/// <summary>A user task that ended.</summary>
/// <param name="Id">The task id.</param>
/// <param name="ElementId">The element id.</param>
/// <param name="Reason">Completed or cancelled.</param>
/// <param name="UserId">Who completed it, if known.</param>
public sealed record EndedTask(string Id, string ElementId, TaskEndReason Reason, string? UserId);

/// <summary>A scheduled timer.</summary>
/// <param name="Id">The timer id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The timer event.</param>
/// <param name="Due">When it falls due.</param>
/// <param name="RepetitionsLeft">Cycle repetitions after this one; -1 for unbounded.</param>
public sealed record TimerInfo(string Id, string InstanceId, string ElementId, DateTimeOffset Due, int RepetitionsLeft)
{
    /// <summary>A timer event, or a task's reminder or escalation (then <see cref="ElementId"/> is the task). The host fires all of them the same way, with <see cref="FireTimer"/>.</summary>
    public TimerPurpose Purpose { get; init; }
}

/// <summary>An open message subscription.</summary>
/// <param name="Id">The subscription id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The catching element.</param>
/// <param name="MessageName">The message name.</param>
/// <param name="CorrelationKey">The correlation key, if any.</param>
public sealed record SubscriptionInfo(string Id, string InstanceId, string ElementId, string MessageName, string? CorrelationKey);

/// <summary>Whether a job is a service task or a send task attempt.</summary>
public enum JobKind
{
    /// <summary>A service task.</summary>
    Service,

    /// <summary>A send task (notification).</summary>
    Send,
}

/// <summary>A job for a handler.</summary>
/// <param name="Id">The job id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The task element.</param>
/// <param name="Type">The handler type (<c>orc:type</c>; for send tasks without one, <see cref="JobHandlerRegistry.SendType"/>).</param>
/// <param name="Kind">Service or send.</param>
/// <param name="Retries">Attempts left, this one included.</param>
/// <param name="Due">Not before this time.</param>
public sealed record JobInfo(string Id, string InstanceId, string ElementId, string Type, JobKind Kind, int Retries, DateTimeOffset Due);

/// <summary>An incident.</summary>
/// <param name="Id">The incident id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The element.</param>
/// <param name="Type">The kind (<see cref="IncidentTypes"/>).</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Created">When.</param>
public sealed record IncidentInfo(string Id, string InstanceId, string ElementId, string Type, string Message, DateTimeOffset Created);

/// <summary>A child instance a call activity needs started.</summary>
/// <param name="Command">The start command for the child (with its id, version, variables and parent link).</param>
public sealed record ChildInstanceStart(StartInstance Command);

/// <summary>A message thrown by a message end or intermediate throw event.</summary>
/// <param name="Name">The message name.</param>
/// <param name="CorrelationKey">The correlation key, if any.</param>
/// <param name="Variables">The payload (the element's input-mapped local variables).</param>
public sealed record ThrownMessage(string Name, string? CorrelationKey, JsonObject? Variables);

/// <summary>One occurrence of a timer start event, kept by the host (see <see cref="WorkflowEngine.PlanStartTimers"/>).</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="Version">The deployed version.</param>
/// <param name="StartEventId">The timer start event.</param>
/// <param name="Due">When it falls due.</param>
/// <param name="RepetitionsLeft">Cycle repetitions after this one; -1 for unbounded, 0 for none.</param>
/// <param name="Cycle">The cycle text when it repeats.</param>
public sealed record StartTimerPlan(string ProcessId, int Version, string StartEventId, DateTimeOffset Due, int RepetitionsLeft, string? Cycle);
