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
