using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// Runs instances in memory on a virtual clock: owns the instances, runs jobs through the handler registry right
/// after each command, starts call-activity children and resumes their parents, correlates messages across
/// instances, and fires due timers (cycles included) when the clock is advanced. Used by <c>simulate</c>, the
/// execution tests and the benchmark. Not thread-safe.
/// </summary>
public sealed class InMemoryWorkflowRuntime
{
    private readonly Queue<Action> _work = new();
    private readonly Queue<string> _readyJobs = new();
    private readonly HashSet<string> _liveJobs = new(StringComparer.Ordinal);
    private readonly SortedSet<TimelineEntry> _timeline = new();
    private readonly Dictionary<string, TimelineEntry> _timelineById = new(StringComparer.Ordinal);
    private readonly List<SubscriptionInfo> _subscriptions = [];
    private readonly Dictionary<string, UserTaskInfo> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncidentInfo> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StartTimerPlan> _startTimers = new(StringComparer.Ordinal);
    private readonly List<HistoryEvent> _history = [];
    private readonly List<TaskNotification> _notifications = [];
    private readonly bool _keepHistory;
    private long _sequence;
    private int _instanceCounter;
    private long _startTimerCounter;

    /// <summary>Creates a runtime.</summary>
    /// <param name="options">Settings.</param>
    public InMemoryWorkflowRuntime(InMemoryRuntimeOptions? options = null)
    {
        options ??= new InMemoryRuntimeOptions();
        Clock = new VirtualTimeProvider(options.Start);
        Definitions = new DefinitionRepository(Clock);
        Engine = new WorkflowEngine(Definitions, Clock, options.Engine);
        Store = options.RoundTripState ? new SerializingInstanceStore() : new InMemoryInstanceStore();
        Handlers = new JobHandlerRegistry { Fallback = options.CompleteUnknownJobs ? JobHandlerRegistry.CompleteAll : null };
        Handlers.RegisterSend(JobHandlerRegistry.CompleteAll);
        _keepHistory = options.KeepHistory;
    }

    /// <summary>The virtual clock.</summary>
    public VirtualTimeProvider Clock { get; }

    /// <summary>The deployed definitions.</summary>
    public DefinitionRepository Definitions { get; }

    /// <summary>The engine.</summary>
    public WorkflowEngine Engine { get; }

    /// <summary>The job handlers (service tasks by type; send tasks complete unless a send handler is registered).</summary>
    public JobHandlerRegistry Handlers { get; }

    /// <summary>The instance states.</summary>
    public IProcessInstanceStore Store { get; }

    /// <summary>Every history event so far, in order.</summary>
    public IReadOnlyList<HistoryEvent> History => _history;

    /// <summary>Every task reminder and escalation so far, in order (what the host would have emailed).</summary>
    public IReadOnlyList<TaskNotification> Notifications => _notifications;

    /// <summary>Open incidents of every instance.</summary>
    public IReadOnlyCollection<IncidentInfo> Incidents => _incidents.Values;

    /// <summary>How many commands ran (including those made by jobs, timers and children).</summary>
    public long CommandCount { get; private set; }

    // ---------------------------------------------------------------- deployment

    /// <summary>Parses and deploys a BPMN file; throws when it has errors.</summary>
    /// <param name="xml">The BPMN XML.</param>
    /// <param name="sourceName">The file name for problems.</param>
    public IReadOnlyList<DeployedProcess> Deploy(string xml, string sourceName)
    {
        var parsed = BpmnParser.Parse(xml, sourceName);
        if (!parsed.Succeeded || parsed.Definitions is null)
        {
            throw new InvalidOperationException("The BPMN file has errors:" + Environment.NewLine
                + string.Join(Environment.NewLine, parsed.Problems.Where(p => p.Severity == ProblemSeverity.Error)));
        }

        return Deploy(parsed.Definitions, xml);
    }

    /// <summary>Deploys a parsed file; schedules the timer start events of new versions.</summary>
    /// <param name="definitions">The parsed file.</param>
    /// <param name="content">Its XML.</param>
    public IReadOnlyList<DeployedProcess> Deploy(Definitions definitions, string content)
    {
        var deployed = Definitions.Deploy(definitions, content);
        foreach (var d in deployed)
        {
            ScheduleStartTimers(d);
        }

        return deployed;
    }

    private void ScheduleStartTimers(DeployedProcess d)
    {
        foreach (var (id, st) in _startTimers.ToList())
        {
            if (st.ProcessId == d.ProcessId && st.Version != d.Version)
            {
                _startTimers.Remove(id);
                RemoveTimeline(id);
            }
        }

        foreach (var plan in Engine.PlanStartTimers(d))
        {
            // Planned once per version and start event (deploying unchanged content again plans nothing).
            if (_startTimers.Values.Any(st => st.ProcessId == d.ProcessId && st.Version == d.Version && st.StartEventId == plan.StartEventId))
            {
                continue;
            }

            var id = StartTimerId(plan);
            _startTimers[id] = plan;
            AddTimeline(new TimelineEntry(plan.Due, ++_sequence, id, TimelineKind.StartTimer));
        }
    }

    // ---------------------------------------------------------------- commands

    /// <summary>Starts an instance of the latest (or a given) version.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="variables">Initial variables.</param>
    /// <param name="businessKey">The business key.</param>
    /// <param name="version">A pinned version.</param>
    /// <returns>The instance id.</returns>
    public string StartInstance(string processId, JsonObject? variables = null, string? businessKey = null, int? version = null)
    {
        var id = NewInstanceId();
        Run(null, new StartInstance(processId) { InstanceId = id, Variables = variables, BusinessKey = businessKey, Version = version });
        Pump();
        return id;
    }

    /// <summary>Completes a user task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="variables">Variables.</param>
    /// <param name="userId">Who.</param>
    public void CompleteTask(string taskId, JsonObject? variables = null, string? userId = null) =>
        Command(InstanceOf(taskId), new CompleteUserTask(taskId) { Variables = variables, UserId = userId });

    /// <summary>Claims a user task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="userId">Who.</param>
    public void ClaimTask(string taskId, string userId) => Command(InstanceOf(taskId), new ClaimUserTask(taskId, userId));

    /// <summary>Unclaims a user task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="userId">Who.</param>
    public void UnclaimTask(string taskId, string? userId = null) => Command(InstanceOf(taskId), new UnclaimUserTask(taskId) { UserId = userId });

    /// <summary>Assigns a user task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="assignee">The assignee.</param>
    /// <param name="userId">Who.</param>
    public void AssignTask(string taskId, string? assignee, string? userId = null) =>
        Command(InstanceOf(taskId), new AssignUserTask(taskId, assignee) { UserId = userId });

    /// <summary>Sets process variables (to repair the data an incident needs before retrying it).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="variables">The variables.</param>
    /// <param name="userId">Who.</param>
    public void SetVariables(string instanceId, JsonObject variables, string? userId = null) =>
        Command(instanceId, new SetInstanceVariables(variables) { UserId = userId });

    /// <summary>Retries an incident.</summary>
    /// <param name="incidentId">The incident id.</param>
    public void RetryIncident(string incidentId) => Command(InstanceOf(incidentId), new RetryIncident(incidentId));

    /// <summary>Cancels an instance (and its called children).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="userId">Who.</param>
    public void CancelInstance(string instanceId, string? userId = null) => Command(instanceId, new CancelInstance { UserId = userId });

    /// <summary>Fires one pending timer now, whatever its due time: an instance's timer, or a timer start event (<see cref="PendingStartTimers"/>).</summary>
    /// <param name="timerId">The timer id.</param>
    public void FireTimer(string timerId)
    {
        if (_startTimers.ContainsKey(timerId) && _timelineById.TryGetValue(timerId, out var start))
        {
            RemoveTimeline(timerId);
            FireStartTimer(start);
            Pump();
            return;
        }

        RemoveTimeline(timerId);
        Command(InstanceOf(timerId), new FireTimer(timerId));
    }

    /// <summary>
    /// Publishes a message: every instance with a matching subscription gets it (one subscription each); when none
    /// waits, the latest versions with a message start event of that name start. A message nobody takes is dropped.
    /// </summary>
    /// <param name="name">The message name.</param>
    /// <param name="correlationKey">The correlation key.</param>
    /// <param name="variables">The payload.</param>
    /// <returns>The instances that took it (or were started by it).</returns>
    public IReadOnlyList<string> CorrelateMessage(string name, string? correlationKey = null, JsonObject? variables = null)
    {
        var result = Publish(name, correlationKey, variables);
        Pump();
        return result;
    }

    private List<string> Publish(string name, string? correlationKey, JsonObject? variables)
    {
        var result = new List<string>();
        foreach (var s in _subscriptions.ToList())
        {
            if (s.MessageName != name || (s.CorrelationKey is not null && s.CorrelationKey != correlationKey) || result.Contains(s.InstanceId))
            {
                continue;
            }

            var r = Run(s.InstanceId, new CorrelateMessage(name) { CorrelationKey = correlationKey, Variables = variables, SubscriptionId = s.Id });
            if (r.Correlated)
            {
                result.Add(s.InstanceId);
            }
        }

        if (result.Count > 0)
        {
            return result;
        }

        foreach (var (d, startEventId) in Engine.FindMessageStartEvents(name))
        {
            var id = NewInstanceId();
            Run(null, new StartInstance(d.ProcessId) { InstanceId = id, Version = d.Version, StartEventId = startEventId, Variables = variables, BusinessKey = correlationKey });
            result.Add(id);
        }

        return result;
    }

    /// <summary>Moves the virtual clock forward, firing every timer and back-off job that falls due, in due order.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by) => AdvanceTo(Clock.GetUtcNow() + by);

    /// <summary>Moves the virtual clock to an instant, firing everything due on the way, in due order.</summary>
    /// <param name="to">The instant.</param>
    public void AdvanceTo(DateTimeOffset to)
    {
        Pump();
        while (_timeline.Count > 0 && _timeline.Min!.Due <= to)
        {
            FireNext();
            Pump();
        }

        Clock.SetUtcNow(to);
    }

    /// <summary><c>start:{process}:{version}:{start event}:{n}</c>, n unique in the runtime.</summary>
    private string StartTimerId(StartTimerPlan plan) =>
        $"start:{plan.ProcessId}:{plan.Version.ToString(CultureInfo.InvariantCulture)}:{plan.StartEventId}:{(++_startTimerCounter).ToString(CultureInfo.InvariantCulture)}";

    private void FireStartTimer(TimelineEntry entry)
    {
        if (!_startTimers.Remove(entry.Id, out var fired))
        {
            return;
        }

        if (WorkflowEngine.NextStartTimerDue(fired, Clock.GetUtcNow()) is { } next)
        {
            // Each occurrence is a timer of its own, as the durable store's rows are: a fired one never fires again.
            var id = StartTimerId(next);
            _startTimers[id] = next;
            AddTimeline(new TimelineEntry(next.Due, ++_sequence, id, TimelineKind.StartTimer));
        }

        Run(null, new StartInstance(fired.ProcessId) { InstanceId = NewInstanceId(), Version = fired.Version, StartEventId = fired.StartEventId });
    }

    private void Command(string instanceId, WorkflowCommand command)
    {
        Run(instanceId, command);
        Pump();
    }

    /// <summary>Runs one command on one instance and absorbs its result; follow-up work is queued.</summary>
    /// <param name="instanceId">The instance (<c>null</c> to start one).</param>
    /// <param name="command">The command.</param>
    public EngineResult Run(string? instanceId, WorkflowCommand command)
    {
        var state = instanceId is null ? null : Store.Load(instanceId)
            ?? throw new WorkflowCommandException(CommandRejection.NotFound, $"No instance {instanceId}.");
        return Apply(Engine.Execute(state, command));
    }

    private EngineResult Apply(EngineResult r)
    {
        CommandCount++;
        var now = Clock.GetUtcNow();
        Store.Save(r.State);
        if (_keepHistory)
        {
            _history.AddRange(r.History);
        }

        _notifications.AddRange(r.Notifications);

        foreach (var t in r.TasksEnded)
        {
            _tasks.Remove(t.Id);
        }

        foreach (var t in r.TasksCreated)
        {
            _tasks[t.Id] = t;
        }

        foreach (var t in r.TasksUpdated)
        {
            _tasks[t.Id] = t;
        }

        foreach (var id in r.TimersRemoved)
        {
            RemoveTimeline(id);
        }

        foreach (var t in r.TimersScheduled)
        {
            AddTimeline(new TimelineEntry(t.Due, ++_sequence, t.Id, TimelineKind.Timer));
        }

        foreach (var id in r.SubscriptionsClosed)
        {
            _subscriptions.RemoveAll(s => s.Id == id);
        }

        _subscriptions.AddRange(r.SubscriptionsOpened);
        foreach (var id in r.JobsRemoved)
        {
            _liveJobs.Remove(id);
            RemoveTimeline(id);
        }

        foreach (var j in r.JobsCreated)
        {
            _liveJobs.Add(j.Id);
            if (j.Due <= now)
            {
                _readyJobs.Enqueue(j.Id);
            }
            else
            {
                AddTimeline(new TimelineEntry(j.Due, ++_sequence, j.Id, TimelineKind.Job));
            }
        }

        foreach (var id in r.IncidentsResolved)
        {
            _incidents.Remove(id);
        }

        foreach (var i in r.IncidentsRaised)
        {
            _incidents[i.Id] = i;
        }

        foreach (var c in r.ChildrenToStart)
        {
            _work.Enqueue(() =>
            {
                try
                {
                    Run(null, c.Command);
                }
                catch (WorkflowCommandException)
                {
                    // The child cannot start: the call activity gets an incident instead of waiting for ever.
                    var link = c.Command.Parent!;
                    Run(link.InstanceId, new ResumeFromChild(link.Execution, c.Command.InstanceId!) { Cancelled = true });
                }
            });
        }

        foreach (var id in r.ChildrenToCancel)
        {
            _work.Enqueue(() =>
            {
                if (Store.Load(id) is { Status: InstanceStatus.Active })
                {
                    Run(id, new CancelInstance { ByParent = true, Reason = "cancelled with its parent" });
                }
            });
        }

        foreach (var escalation in r.EscalationsToParent)
        {
            var to = r.ParentInstanceId!;
            _work.Enqueue(() => Run(to, escalation));
        }

        if (r.ParentToResume is { } resume && r.ParentInstanceId is { } parent)
        {
            _work.Enqueue(() => Run(parent, resume));
        }

        foreach (var m in r.MessagesThrown)
        {
            _work.Enqueue(() => Publish(m.Name, m.CorrelationKey, m.Variables));
        }

        return r;
    }

    /// <summary>Runs queued follow-ups, ready jobs and timers already due until nothing is left.</summary>
    public void Pump()
    {
        while (true)
        {
            if (_work.TryDequeue(out var work))
            {
                work();
            }
            else if (_readyJobs.TryDequeue(out var jobId))
            {
                RunJob(jobId);
            }
            else if (_timeline.Count > 0 && _timeline.Min!.Due <= Clock.GetUtcNow())
            {
                FireNext();
            }
            else
            {
                return;
            }
        }
    }

    private void FireNext()
    {
        var next = _timeline.Min!;
        _timeline.Remove(next);
        _timelineById.Remove(next.Id);
        Clock.SetUtcNow(next.Due);
        switch (next.Kind)
        {
            case TimelineKind.Timer:
                Run(InstanceOf(next.Id), new FireTimer(next.Id));
                break;
            case TimelineKind.Job:
                _readyJobs.Enqueue(next.Id);
                break;
            case TimelineKind.StartTimer:
                FireStartTimer(next);
                break;
        }
    }

    private void RunJob(string jobId)
    {
        if (!_liveJobs.Contains(jobId))
        {
            return;
        }

        var instanceId = InstanceOf(jobId);
        var state = Store.Load(instanceId);
        if (state is null || state.Status != InstanceStatus.Active)
        {
            return;
        }

        var context = Engine.CreateJobContext(state, jobId);
        var handler = Handlers.Find(context.Job);
        JobOutcome outcome;
        if (handler is null)
        {
            outcome = JobOutcome.Fail($"No handler is registered for job type '{context.Job.Type}'.");
        }
        else
        {
            try
            {
                var pending = handler.ExecuteAsync(context, CancellationToken.None);
                outcome = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            }
#pragma warning disable CA1031 // A handler's exception is a technical failure of the job, whatever it is.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                outcome = JobOutcome.Fail(ex.Message);
            }
        }

        WorkflowCommand command = outcome switch
        {
            JobCompleted c => new CompleteJob(jobId) { Variables = c.Variables },
            JobBpmnError e => new ThrowJobError(jobId, e.ErrorCode) { Message = e.Message, Variables = e.Variables },
            JobFailedOutcome f => new FailJob(jobId, f.Message) { Backoff = f.Backoff },
            _ => new FailJob(jobId, "Unknown job outcome."),
        };
        Apply(Engine.Execute(state, command));
    }

    // ---------------------------------------------------------------- queries

    /// <summary>An instance's state (a copy when states are kept as JSON).</summary>
    /// <param name="instanceId">The instance id.</param>
    public ProcessInstanceState GetInstance(string instanceId) =>
        Store.Load(instanceId) ?? throw new WorkflowCommandException(CommandRejection.NotFound, $"No instance {instanceId}.");

    /// <summary>Every instance id, in start order.</summary>
    public IReadOnlyList<string> InstanceIds => Store.InstanceIds;

    /// <summary>Open user tasks, of one instance or all, in creation order.</summary>
    /// <param name="instanceId">The instance, or <c>null</c> for all.</param>
    public IReadOnlyList<UserTaskInfo> OpenTasks(string? instanceId = null) =>
        [.. _tasks.Values.Where(t => instanceId is null || t.InstanceId == instanceId).OrderBy(t => t.Created).ThenBy(t => t.InstanceId, StringComparer.Ordinal).ThenBy(t => t.Id.Length).ThenBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>Open message subscriptions.</summary>
    public IReadOnlyList<SubscriptionInfo> Subscriptions => _subscriptions;

    /// <summary>Pending instance timers, in due order.</summary>
    public IReadOnlyList<(string Id, DateTimeOffset Due)> PendingTimers =>
        [.. _timeline.Where(t => t.Kind == TimelineKind.Timer).Select(t => (t.Id, t.Due))];

    /// <summary>Pending timer start events (they belong to no instance), in due order; ids are <c>start:{process}:{version}:{start event}:{n}</c>, one per occurrence.</summary>
    public IReadOnlyList<(string Id, string ProcessId, DateTimeOffset Due)> PendingStartTimers =>
        [.. _timeline.Where(t => t.Kind == TimelineKind.StartTimer).Select(t => (t.Id, _startTimers[t.Id].ProcessId, t.Due))];

    /// <summary>The elements an instance waits at.</summary>
    /// <param name="instanceId">The instance id.</param>
    public IReadOnlyList<string> ActiveElements(string instanceId) => WorkflowEngine.GetActiveElements(GetInstance(instanceId));

    private string NewInstanceId() => "i" + (++_instanceCounter).ToString(CultureInfo.InvariantCulture);

    /// <summary>The instance a task, timer, job, incident or subscription id belongs to.</summary>
    /// <param name="itemId">The id.</param>
    public static string InstanceOf(string itemId)
    {
        return ProcessInstanceState.InstanceIdOf(itemId)
            ?? throw new WorkflowCommandException(CommandRejection.NotFound, $"'{itemId}' is not an engine id.");
    }

    private void AddTimeline(TimelineEntry entry)
    {
        RemoveTimeline(entry.Id);
        _timeline.Add(entry);
        _timelineById[entry.Id] = entry;
    }

    private void RemoveTimeline(string id)
    {
        if (_timelineById.Remove(id, out var entry))
        {
            _timeline.Remove(entry);
        }
    }

    private enum TimelineKind
    {
        Timer,
        Job,
        StartTimer,
    }

    private sealed record TimelineEntry(DateTimeOffset Due, long Sequence, string Id, TimelineKind Kind) : IComparable<TimelineEntry>
    {
        public int CompareTo(TimelineEntry? other) =>
            other is null ? 1 : Due != other.Due ? Due.CompareTo(other.Due) : Sequence.CompareTo(other.Sequence);
    }
}
