using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime;

/// <summary>Read-only views of an instance state for the host: tasks, incidents, timers, what is active, a job's context, a task's variables.</summary>
public sealed partial class WorkflowEngine
{
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
