using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Gateways;
using Orchestrator.Engine.Runtime.Tasks;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// The one entry point that drives instances: <see cref="Execute"/> takes an instance's state and a command, runs
/// every element up to the next wait states, and returns what changed. It is deterministic given the clock and keeps
/// no per-instance state of its own, so the state can be persisted between any two commands.
/// </summary>
public sealed class WorkflowEngine
{
    /// <summary>Creates an engine.</summary>
    /// <param name="definitions">The deployed definitions (instances, call activities).</param>
    /// <param name="timeProvider">The clock; every time the engine uses comes from it.</param>
    /// <param name="options">Settings.</param>
    public WorkflowEngine(DefinitionRepository definitions, TimeProvider? timeProvider = null, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        Definitions = definitions;
        Time = timeProvider ?? TimeProvider.System;
        Options = options ?? new EngineOptions();
        Feel = new FeelEngine(Options.FeelLimits, Time);
        Zone = FindZone(Options.TimeZone);
    }

    /// <summary>The zone of <see cref="EngineOptions.TimeZone"/>.</summary>
    public TimeZoneInfo Zone { get; }

    private static TimeZoneInfo FindZone(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("EngineOptions.TimeZone is empty; give an IANA zone such as America/Mexico_City.", nameof(id));
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"EngineOptions.TimeZone '{id}' is not a time zone this system knows (install tzdata, or use an IANA id such as America/Mexico_City).", nameof(id), ex);
        }
    }

    /// <summary>The deployed definitions.</summary>
    public DefinitionRepository Definitions { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Settings.</summary>
    public EngineOptions Options { get; }

    internal FeelEngine Feel { get; }

    /// <summary>
    /// Runs one command. <paramref name="state"/> is <c>null</c> for <see cref="StartInstance"/> and the instance's
    /// state otherwise; it is changed in place (discard it if this throws).
    /// </summary>
    /// <param name="state">The instance's state.</param>
    /// <param name="command">What happens.</param>
    /// <returns>The changes, for the host to persist in one transaction.</returns>
    /// <exception cref="WorkflowCommandException">The command does not apply (unknown id, ended instance, task held by another user).</exception>
    public EngineResult Execute(ProcessInstanceState? state, WorkflowCommand command)
    {
        var result = ExecuteCore(state, command);
        result.Net();
        return result;
    }

    private EngineResult ExecuteCore(ProcessInstanceState? state, WorkflowCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is StartInstance start)
        {
            if (state is not null)
            {
                throw new ArgumentException("Start takes no state.", nameof(state));
            }

            return Start(start);
        }

        ArgumentNullException.ThrowIfNull(state);
        var deployed = Definitions.Find(state.ProcessId, state.Version)
            ?? throw new WorkflowCommandException(CommandRejection.NotFound, $"Process {state.ProcessId} version {state.Version} is not deployed.");
        var run = new InstanceRun(this, deployed, state, Time.GetUtcNow());
        if (state.Status != InstanceStatus.Active)
        {
            if (command is FireTimer or ResumeFromChild or ChildEscalated or CancelInstance { ByParent: true })
            {
                return run.R;
            }

            throw new WorkflowCommandException(CommandRejection.Conflict, $"Instance {state.Id} is {state.Status.ToString().ToLowerInvariant()}.");
        }

        switch (command)
        {
            case CompleteUserTask c:
                CompleteTask(run, c);
                break;
            case ClaimUserTask c:
                Claim(run, c);
                break;
            case UnclaimUserTask c:
                Reassign(run, c.TaskId, null, c.UserId, HistoryEventType.TaskUnclaimed);
                break;
            case AssignUserTask c:
                Reassign(run, c.TaskId, c.Assignee, c.UserId, HistoryEventType.TaskAssigned);
                break;
            case CorrelateMessage c:
                Correlate(run, c);
                break;
            case FireTimer c:
                Fire(run, c);
                break;
            case CompleteJob c:
                CompleteJobCommand(run, c);
                break;
            case FailJob c:
                Fail(run, c);
                break;
            case ThrowJobError c:
                JobError(run, c);
                break;
            case SetInstanceVariables c:
                foreach (var (name, value) in c.Variables)
                {
                    run.SetLocal(run.Root, name, value?.DeepClone(), c.UserId);
                }

                break;
            case RetryIncident c:
                var inc = FindItem(run, state.Incidents, c.IncidentId, static i => i.Id, "incident");
                run.Retry(inc);
                break;
            case CancelInstance c:
                run.EndInstance(InstanceStatus.Cancelled, byParent: c.ByParent, userId: c.UserId, reason: c.Reason);
                break;
            case ResumeFromChild c:
                ResumeChild(run, c);
                break;
            case ChildEscalated c:
                if (run.Exec(c.Execution) is { } callExecution && callExecution.Child == c.ChildInstanceId)
                {
                    run.ThrowEscalation(callExecution, c.EscalationCode);
                    run.Drain();
                }

                break;
            default:
                throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }

        return run.R;
    }

    private EngineResult Start(StartInstance c)
    {
        var deployed = (c.Version is { } v ? Definitions.Find(c.ProcessId, v) : Definitions.Latest(c.ProcessId))
            ?? throw new WorkflowCommandException(CommandRejection.NotFound, $"Process {c.ProcessId}{(c.Version is { } v2 ? " version " + v2 : "")} is not deployed.");
        var process = deployed.Definition;
        StartEvent? startEvent = null;
        if (c.StartEventId is { } sid)
        {
            foreach (var s in process.Body.StartEvents)
            {
                if (s.Id == sid)
                {
                    startEvent = s;
                }
            }

            if (startEvent is null)
            {
                throw new WorkflowCommandException(CommandRejection.NotFound, $"Process {c.ProcessId} has no start event {sid}.");
            }
        }
        else
        {
            foreach (var s in process.Body.StartEvents)
            {
                if (s.Definition is null)
                {
                    startEvent = s;
                    break;
                }
            }

            startEvent ??= process.Body.StartEvents.Count == 1 ? process.Body.StartEvents[0] : null;
            if (startEvent is null)
            {
                throw new WorkflowCommandException(CommandRejection.NotFound, $"Process {c.ProcessId} has no none start event to start by.");
            }
        }

        var now = Time.GetUtcNow();
        var state = new ProcessInstanceState
        {
            Id = c.InstanceId ?? Guid.NewGuid().ToString("N"),
            ProcessId = process.Id,
            Version = deployed.Version,
            BusinessKey = c.BusinessKey,
            StartedAt = now,
            Parent = c.Parent,
        };
        var run = new InstanceRun(this, deployed, state, now);
        var root = run.NewExec(null, process.Id, ExecutionPhase.Scope);
        run.Hist(HistoryEventType.InstanceStarted, process.Id, "process", userId: c.UserId, detail: c.Parent is null ? null : "called by " + c.Parent.InstanceId);
        if (c.Variables is { Count: > 0 } vars)
        {
            foreach (var (k, value) in vars)
            {
                run.SetLocal(root, k, value?.DeepClone());
            }
        }

        run.OpenScopeSubscriptions(root, process.Body);
        run.Schedule(run.NewExec(root, startEvent.Id, ExecutionPhase.Enter));
        run.Drain();
        return run.R;
    }

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

    // ---------------------------------------------------------------- timer start events (scheduled by the host, not by an instance)

    /// <summary>
    /// The first occurrences of the timer start events of a deployed version. The host keeps these timers itself (they
    /// belong to no instance); when one falls due it starts an instance with <see cref="StartInstance.StartEventId"/> and
    /// asks <see cref="NextStartTimerDue"/> for the next occurrence. Replace them when a new version is deployed.
    /// </summary>
    /// <param name="deployed">The deployed version.</param>
    /// <exception cref="InvalidOperationException">A timer value does not parse (validation reports this before deployment).</exception>
    public IReadOnlyList<StartTimerPlan> PlanStartTimers(DeployedProcess deployed)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        var result = new List<StartTimerPlan>();
        var now = Time.GetUtcNow();
        foreach (var s in deployed.Definition.Body.StartEvents)
        {
            if (s.Definition is not TimerEventDefinition timer)
            {
                continue;
            }

            var ok = timer.Value.IsFeel
                ? Timers.TimerMath.TryPlan(timer.Kind, Feel.Evaluate(timer.Value.Text).Value, now, Zone, out var plan, out var error)
                : Timers.TimerMath.TryPlan(timer.Kind, timer.Value.Text, now, Zone, out plan, out error);
            if (!ok)
            {
                throw new InvalidOperationException($"Timer start event {s.Id} of {deployed.ProcessId}: {error}");
            }

            if (!plan.Never)
            {
                result.Add(new StartTimerPlan(deployed.ProcessId, deployed.Version, s.Id, plan.Due, plan.Repeat, plan.Cycle));
            }
        }

        return result;
    }

    /// <summary>
    /// The occurrence of a timer start event after one that fired, or <c>null</c> when its cycle is over. Given
    /// <paramref name="now"/>, occurrences already past (the host was down) are skipped, so one late start stands for
    /// them instead of a burst of instances (pass it whenever the firing may be late).
    /// </summary>
    /// <param name="fired">The occurrence that fired.</param>
    /// <param name="now">The current instant; <c>null</c> takes the very next occurrence even if it is past.</param>
    public static StartTimerPlan? NextStartTimerDue(StartTimerPlan fired, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(fired);
        if (fired.RepetitionsLeft == 0 || fired.Cycle is not { } cycle)
        {
            return null;
        }

        if (now is { } at)
        {
            return Timers.TimerMath.NextAfter(cycle, fired.Due, fired.RepetitionsLeft, at) is { } after
                ? fired with { Due = after.Due, RepetitionsLeft = after.RemainingAfter }
                : null;
        }

        return Timers.TimerMath.Next(cycle, fired.Due, fired.RepetitionsLeft) is { } next
            ? fired with { Due = next, RepetitionsLeft = fired.RepetitionsLeft > 0 ? fired.RepetitionsLeft - 1 : -1 }
            : null;
    }

    /// <summary>
    /// The message start events named <paramref name="messageName"/> in the latest version of every process: what a
    /// message nobody waits for starts (start each with <see cref="StartInstance.StartEventId"/>).
    /// </summary>
    /// <param name="messageName">The message name.</param>
    public IReadOnlyList<(DeployedProcess Process, string StartEventId)> FindMessageStartEvents(string messageName)
    {
        var result = new List<(DeployedProcess, string)>();
        foreach (var d in Definitions.LatestVersions())
        {
            foreach (var s in d.Definition.Body.StartEvents)
            {
                if (s.Definition is MessageEventDefinition m && m.Message?.Name == messageName)
                {
                    result.Add((d, s.Id));
                }
            }
        }

        return result;
    }

    // ---------------------------------------------------------------- queries

    /// <summary>The open user tasks of an instance.</summary>
    /// <param name="state">The state.</param>
    public IReadOnlyList<UserTaskInfo> GetTasks(ProcessInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var deployed = Definitions.Find(state.ProcessId, state.Version);
        var result = new List<UserTaskInfo>(state.Tasks.Count);
        foreach (var t in state.Tasks)
        {
            result.Add(ToInfo(state, deployed, t));
        }

        return result;
    }

    /// <summary>The open incidents of an instance.</summary>
    /// <param name="state">The state.</param>
    public static IReadOnlyList<IncidentInfo> GetIncidents(ProcessInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var result = new List<IncidentInfo>();
        foreach (var i in state.Incidents)
        {
            result.Add(new IncidentInfo(state.PublicId(i.Id), state.Id, i.Element, i.Type, i.Message, i.Created));
        }

        return result;
    }

    /// <summary>The pending timers of an instance.</summary>
    /// <param name="state">The state.</param>
    public static IReadOnlyList<TimerInfo> GetTimers(ProcessInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var result = new List<TimerInfo>();
        foreach (var t in state.Timers)
        {
            result.Add(new TimerInfo(state.PublicId(t.Id), state.Id, t.Element, t.Due, t.Repeat));
        }

        return result;
    }

    /// <summary>
    /// The elements an instance is waiting at (user and receive tasks, catch events, event-based gateways, call
    /// activities, service tasks waiting for their job, elements stopped by an incident), sorted. A joining gateway
    /// that holds a token while it waits for the others is not listed: it waits for nothing outside the instance.
    /// </summary>
    /// <param name="state">The state.</param>
    public static IReadOnlyList<string> GetActiveElements(ProcessInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in state.Executions)
        {
            // A joining gateway holding a token (phase Join) is not waiting for anything outside the instance, so it is not listed.
            if (e.Parent is not null && e.Phase is ExecutionPhase.Wait or ExecutionPhase.Incident or ExecutionPhase.Enter or ExecutionPhase.Leave)
            {
                set.Add(e.Element);
            }
        }

        return [.. set];
    }

    /// <summary>What a handler needs to run a job: its variables (input mappings applied) and, for send tasks, the evaluated template, recipients and language.</summary>
    /// <param name="state">The state.</param>
    /// <param name="jobId">The job id.</param>
    public JobContext CreateJobContext(ProcessInstanceState state, string jobId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(jobId);
        var run = ReadRun(state);
        var job = FindItem(run, state.Jobs, jobId, static j => j.Id, "job");
        var e = run.Exec(job.Exec)!;
        var node = run.Node(e);
        JsonObject? payload = null;
        if (node is SendTask send)
        {
            payload = [];
            run.TryString(send.Template, e, out var template, out _);
            payload["template"] = template;
            if (send.To is { } to)
            {
                payload["to"] = to.IsFeel ? (run.TryEvaluate(to.Text, e, out var v, out _) ? v.ToJson() : null) : to.Text;
            }

            run.TryString(send.Language, e, out var language, out _);
            payload["language"] = language ?? "es";
        }

        var info = new JobInfo(jobId, state.Id, job.Element, job.Type, node is SendTask ? JobKind.Send : JobKind.Service, job.Retries, job.Due ?? run.Now);
        return new JobContext(info, () => run.VisibleVariables(e), payload);
    }

    /// <summary>
    /// The variables an open user task sees (its scopes, input mappings applied): the data its form was opened
    /// with, so that a submission can be checked against read-only fields and variable-driven options.
    /// </summary>
    /// <param name="state">The state.</param>
    /// <param name="taskId">The task id.</param>
    public JsonObject GetTaskVariables(ProcessInstanceState state, string taskId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(taskId);
        var run = ReadRun(state);
        var task = FindItem(run, state.Tasks, taskId, static t => t.Id, "task");
        return (JsonObject)run.VisibleVariables(run.Exec(task.Exec)!).DeepClone();
    }

    /// <summary>A run over the state for reading it (variables, payloads) without a command.</summary>
    private InstanceRun ReadRun(ProcessInstanceState state)
    {
        var deployed = Definitions.Find(state.ProcessId, state.Version)
            ?? throw new WorkflowCommandException(CommandRejection.NotFound, $"Process {state.ProcessId} version {state.Version} is not deployed.");
        return new InstanceRun(this, deployed, state, Time.GetUtcNow());
    }

    internal static UserTaskInfo ToInfo(ProcessInstanceState state, DeployedProcess? deployed, UserTaskState t) =>
        new(state.PublicId(t.Id), state.Id, t.Element, deployed?.Definition.FindNode(t.Element)?.Name)
        {
            ProcessId = state.ProcessId,
            BusinessKey = state.BusinessKey,
            Assignee = t.Assignee,
            CandidateUsers = [.. t.CandidateUsers],
            CandidateGroups = [.. t.CandidateGroups],
            Due = t.Due,
            FollowUp = t.FollowUp,
            Priority = t.Priority,
            FormKey = t.FormKey,
            ExternalRecipient = t.External,
            Created = t.Created,
            Notify = t.Notify,
            Language = t.Language,
        };
}
