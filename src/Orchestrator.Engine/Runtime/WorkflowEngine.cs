using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// The one entry point that drives instances: <see cref="Execute"/> takes an instance's state and a command, runs
/// every element up to the next wait states, and returns what changed. It is deterministic given the clock and keeps
/// no per-instance state of its own, so the state can be persisted between any two commands.
/// </summary>
public sealed partial class WorkflowEngine
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
}
