using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime;
using Orchestrator.Engine.Validation;
using Orchestrator.Forms;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>
/// The durable workflow core (scoped): every command is one database transaction (load the instance row, run the
/// engine, write the state, task/timer/job/subscription/incident rows, history and cross-instance effects, commit with
/// optimistic concurrency on the instance's version, retry a few times on conflict). Jobs due now run right after the
/// commit, under a lease. Reads of instances are audited.
/// </summary>
public sealed class WorkflowService
{
    /// <summary>The longest reason a cancellation keeps.</summary>
    public const int MaxCancelReasonLength = 1000;

    private readonly OrchestratorDbContext _db;
    private readonly WorkflowRuntime _runtime;
    private readonly IWorkflowScheduler _scheduler;
    private readonly ITaskFormValidator? _forms;
    private readonly IReadOnlyList<IWorkflowEffects> _effects;
    private readonly ILogger<WorkflowService> _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="db">The database.</param>
    /// <param name="runtime">The runtime (definitions, engine, handlers, clock).</param>
    /// <param name="scheduler">Told about new and removed timers after each commit.</param>
    /// <param name="logger">The log.</param>
    /// <param name="forms">Validates task completion data against the task's form; <c>null</c> skips the check.</param>
    /// <param name="effects">Side effects written in each command's transaction (outbox, email links).</param>
    public WorkflowService(OrchestratorDbContext db, WorkflowRuntime runtime, IWorkflowScheduler scheduler, ILogger<WorkflowService> logger, ITaskFormValidator? forms = null,
        IEnumerable<IWorkflowEffects>? effects = null)
    {
        _effects = effects?.ToList() ?? [];
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _forms = forms;
        Jobs = new WorkflowJobRunner(this, db, runtime, logger);
    }

    // ------------------------------------------------------------------ definitions

    /// <summary>Validates and deploys a BPMN file: version n+1 of each executable process unless its content is unchanged.</summary>
    /// <param name="xml">The BPMN XML.</param>
    /// <param name="sourceName">The file name (for problems).</param>
    /// <param name="actor">Who deploys.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowValidationException">The file has errors.</exception>
    public Task<IReadOnlyList<DeploymentOutcome>> DeployAsync(string xml, string sourceName, Actor actor, CancellationToken ct) =>
        DeployAsync(xml, sourceName, actor, newVersionEvenIfUnchanged: false, ct);

    /// <summary>
    /// Validates and deploys a BPMN file; with <paramref name="newVersionEvenIfUnchanged"/> every executable process gets
    /// a new version even when the XML equals the latest version's (the designer deploys a changed form with an
    /// unchanged diagram: the form belongs to the new version, and tasks of the old one keep theirs).
    /// </summary>
    /// <param name="xml">The BPMN XML.</param>
    /// <param name="sourceName">The file name (for problems).</param>
    /// <param name="actor">Who deploys.</param>
    /// <param name="newVersionEvenIfUnchanged">Whether unchanged content still gets a new version.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowValidationException">The file has errors.</exception>
    public async Task<IReadOnlyList<DeploymentOutcome>> DeployAsync(string xml, string sourceName, Actor actor, bool newVersionEvenIfUnchanged, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(actor);
        sourceName = string.IsNullOrWhiteSpace(sourceName) ? "upload.bpmn" : sourceName;
        var parsed = BpmnParser.Parse(xml, sourceName);
        var problems = BpmnValidator.ValidateParsed([parsed], _runtime.Feel);
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0 || parsed.Definitions is null)
        {
            throw new WorkflowValidationException(errors.Count > 0 ? errors : problems);
        }

        var processes = parsed.Definitions.Processes.Where(p => p.IsExecutable).ToList();
        if (processes.Count == 0)
        {
            throw new WorkflowValidationException(
                [new BpmnProblem(sourceName, BpmnProblem.FileLevel, ValidationCodes.NoExecutableProcess, "No process in the file is executable, so nothing would be deployed; mark the process executable (isExecutable=\"true\").")]);
        }

        foreach (var p in processes)
        {
            if (p.Id.Length > OrchestratorModel.NameLength)
            {
                throw new WorkflowValidationException(
                    [new BpmnProblem(sourceName, p.Id, "process-id-too-long", $"Process ids may have at most {OrchestratorModel.NameLength} characters.")]);
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        var (outcomes, deployed) = await ExecuteAsync(actor, async u =>
        {
            var result = new List<DeploymentOutcome>();
            foreach (var process in processes)
            {
                var latest = await _db.Definitions.AsNoTracking().Where(d => d.ProcessId == process.Id)
                    .OrderByDescending(d => d.Version).Select(d => new { d.Version, d.ContentHash })
                    .FirstOrDefaultAsync(ct).ConfigureAwait(false);
                if (latest is not null && latest.ContentHash == hash && !newVersionEvenIfUnchanged)
                {
                    result.Add(new DeploymentOutcome(process.Id, latest.Version, false));
                    continue;
                }

                var row = new DefinitionRecord
                {
                    ProcessId = process.Id,
                    Version = (latest?.Version ?? 0) + 1,
                    Name = process.Name is { } n && n.Length > OrchestratorModel.NameLength ? n[..OrchestratorModel.NameLength] : process.Name,
                    SourceName = sourceName.Length > OrchestratorModel.NameLength ? sourceName[^OrchestratorModel.NameLength..] : sourceName,
                    Xml = xml,
                    ContentHash = hash,
                    DeployedBy = Limit(actor.Id, OrchestratorModel.NameLength),
                    DeployedAt = u.Now,
                };
                _db.Definitions.Add(row);
                u.Deployed.Add(row);
                u.Audit(null, "DefinitionDeployed", process.Id, detail: new JsonObject { ["processId"] = process.Id, ["version"] = row.Version, ["contentHash"] = hash });
                result.Add(new DeploymentOutcome(process.Id, row.Version, true));
            }

            return (result, u.Deployed.ToList());
        }, ct).ConfigureAwait(false);

        foreach (var row in deployed)
        {
            _runtime.Add(row);
            WorkflowLog.Deployed(_logger, row.ProcessId, row.Version, row.SourceName);
            await EnsureStartTimersAsync(row.ProcessId, ct).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>Every deployed version, by process id and version.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<DefinitionSummary>> ListDefinitionsAsync(CancellationToken ct)
    {
        var rows = await _db.Definitions.AsNoTracking()
            .Select(d => new { d.ProcessId, d.Name, d.Version, d.ContentHash, d.DeployedBy, d.DeployedAt })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.OrderBy(d => d.ProcessId, StringComparer.Ordinal).ThenBy(d => d.Version)
            .Select(d => new DefinitionSummary(d.ProcessId, d.Name, d.Version, d.ContentHash, d.DeployedBy, d.DeployedAt))];
    }

    /// <summary>The XML of one deployed version, or <c>null</c>.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="version">The version.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<string?> GetDefinitionXmlAsync(string processId, int version, CancellationToken ct) =>
        _db.Definitions.AsNoTracking().Where(d => d.ProcessId == processId && d.Version == version).Select(d => d.Xml).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Makes sure the latest version of a process with timer start events has its start timers as rows (after a deploy,
    /// and at start-up for a deploy whose planning was interrupted); older versions' pending start timers are cancelled.
    /// </summary>
    /// <param name="processId">The process id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task EnsureStartTimersAsync(string processId, CancellationToken ct)
    {
        await _runtime.RefreshIfStaleAsync(_db, ct).ConfigureAwait(false);
        var latestVersion = await _db.Definitions.Where(d => d.ProcessId == processId).MaxAsync(d => (int?)d.Version, ct).ConfigureAwait(false);
        if (latestVersion is not { } version)
        {
            return;
        }

        await _runtime.EnsureAsync(_db, processId, version, ct).ConfigureAwait(false);
        if (_runtime.Definitions.Find(processId, version) is not { } deployed)
        {
            return;
        }

        var plans = _runtime.Engine.PlanStartTimers(deployed);
        await ExecuteAsync(Actor.System, async u =>
        {
            var stale = await _db.Timers.Where(t => t.InstanceId == null && t.ProcessId == processId && t.ProcessVersion != version && t.Status == TimerStatuses.Pending)
                .ToListAsync(ct).ConfigureAwait(false);
            foreach (var t in stale)
            {
                t.Status = TimerStatuses.Cancelled;
                u.TimersRemoved.Add(t.Id);
            }

            var planned = await _db.Timers.AnyAsync(t => t.InstanceId == null && t.ProcessId == processId && t.ProcessVersion == version, ct).ConfigureAwait(false);
            if (!planned)
            {
                foreach (var plan in plans)
                {
                    Jobs.AddStartTimer(u, plan);
                }
            }

            await _db.SaveChangesAsync(ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ instances

    /// <summary>Starts an instance of the latest version.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="variables">Initial variables.</param>
    /// <param name="businessKey">The business key.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="WorkflowNotFoundException">No such process is deployed.</exception>
    public Task<string> StartAsync(string processId, JsonObject? variables, string? businessKey, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(processId);
        ArgumentNullException.ThrowIfNull(actor);
        if (businessKey is { Length: > OrchestratorModel.NameLength })
        {
            throw new ArgumentException($"The business key may have at most {OrchestratorModel.NameLength} characters.", nameof(businessKey));
        }

        return ExecuteAsync(actor, async u =>
        {
            var version = await _runtime.LatestVersionAsync(_db, processId, ct).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"No process '{processId}' is deployed.");
            var id = CommandUnit.NewInstanceId();
            await u.RunAsync(null, new StartInstance(processId)
            {
                InstanceId = id,
                Version = version,
                Variables = variables?.DeepClone().AsObject(),
                BusinessKey = businessKey,
                UserId = actor.Id,
            }).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            WorkflowLog.Started(_logger, id, processId, version);
            return id;
        }, ct);
    }

    /// <summary>An instance: status, active elements, variables, open incidents (the read is audited).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<InstanceView> GetInstanceAsync(string instanceId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await _db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
        await AuditReadAsync(instanceId, "InstanceRead", actor, ct).ConfigureAwait(false);
        var state = ProcessInstanceState.FromJson(row.State);
        var incidents = WorkflowEngine.GetIncidents(state)
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.ElementId, i.Type, i.Message, i.Created) { ProcessId = state.ProcessId })
            .ToList();
        return new InstanceView(row.Id, row.ProcessId, row.Version, row.BusinessKey, row.Status, WorkflowEngine.GetActiveElements(state), state.Variables, incidents)
        {
            StartedAt = row.StartedAt,
            EndedAt = row.EndedAt,
            ParentId = row.ParentId,
        };
    }

    /// <summary>The audit trail of an instance, oldest first (the read is audited too).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string instanceId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!await _db.Instances.AnyAsync(i => i.Id == instanceId, ct).ConfigureAwait(false))
        {
            throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
        }

        await AuditReadAsync(instanceId, "HistoryRead", actor, ct).ConfigureAwait(false);
        var rows = await _db.History.AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Sequence).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(h => new HistoryEntry(h.Sequence, h.At, h.Type, h.ElementId, h.UserId, h.Detail is null ? null : JsonNode.Parse(h.Detail) as JsonObject)
        {
            InstanceId = instanceId,
            ItemId = h.ItemId,
        })];
    }

    /// <summary>Cancels an instance and its called children.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="actor">Who cancels.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowConflictException">The instance has ended.</exception>
    public Task CancelAsync(string instanceId, Actor actor, CancellationToken ct) => CancelAsync(instanceId, null, actor, ct);

    /// <summary>Cancels an instance and its called children, with the reason the person gave (kept in the history).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why (at most 1,000 characters); <c>null</c> records only who cancelled.</param>
    /// <param name="actor">Who cancels.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">The reason is longer than 1,000 characters.</exception>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowConflictException">The instance has ended.</exception>
    public Task CancelAsync(string instanceId, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (reason?.Length > MaxCancelReasonLength)
        {
            throw new ArgumentException($"reason: at most {MaxCancelReasonLength} characters.", nameof(reason));
        }

        var recorded = string.IsNullOrWhiteSpace(reason) ? "cancelled by " + actor.DisplayName : reason.Trim();
        return ExecuteAsync(actor, async u =>
        {
            await u.RunAsync(instanceId, new CancelInstance { UserId = actor.Id, Reason = recorded }).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            WorkflowLog.Cancelled(_logger, instanceId, actor.Id);
            return true;
        }, ct);
    }

    /// <summary>
    /// Sets process variables of an active instance from outside the flow, as an operator repairs the data an incident
    /// needs before retrying it. One transaction; the history records every variable set (name, value and who) and one
    /// <c>VariablesSet</c> entry naming them all.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="variables">The variables (at least one); each replaces the process-scope value of that name.</param>
    /// <param name="actor">Who sets them.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">No variable given.</exception>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowConflictException">The instance has ended.</exception>
    public Task SetInstanceVariablesAsync(string instanceId, JsonObject variables, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(actor);
        if (variables.Count == 0)
        {
            throw new ArgumentException("variables: give at least one variable to set.", nameof(variables));
        }

        return ExecuteAsync(actor, async u =>
        {
            await u.RunAsync(instanceId, new SetInstanceVariables(variables.DeepClone().AsObject()) { UserId = actor.Id }).ConfigureAwait(false);
            var names = new JsonArray([.. variables.Select(v => (JsonNode?)JsonValue.Create(v.Key))]);
            _db.History.Add(new HistoryRecord
            {
                InstanceId = instanceId,
                At = u.Now,
                Type = "VariablesSet",
                UserId = Limit(actor.Id, OrchestratorModel.NameLength),
                Detail = new JsonObject { ["names"] = names }.ToJsonString(),
            });
            await u.DrainAsync().ConfigureAwait(false);
            return true;
        }, ct);
    }

    // ------------------------------------------------------------------ tasks

    /// <summary>The open tasks the actor may see, filtered; by due date (none last), priority, creation. One page (at most 1,000).</summary>
    /// <param name="query">Filters and page.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<TaskView>> ListTasksAsync(TaskQuery query, Actor actor, CancellationToken ct) =>
        (await ListTaskPageAsync(query, actor, ct).ConfigureAwait(false)).Tasks;

    /// <summary>
    /// One page of the open tasks the actor may see, in inbox order (or the query's order), filtered, keyset-paged: see
    /// <see cref="TaskInbox.ListAsync"/>, which this reads through with the workflow settings' calendar.
    /// </summary>
    /// <param name="query">Filters and page.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="TaskQueryException">The limit is out of range, or the cursor is not one this list gave out.</exception>
    public Task<TaskPage> ListTaskPageAsync(TaskQuery query, Actor actor, CancellationToken ct) =>
        new TaskInbox(_db, _runtime.Time, TaskInbox.DefaultCalendar(_runtime.Options)).ListAsync(query, actor, ct);

    /// <summary>Claims a task for the actor.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="actor">Who claims.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open, or someone else holds it.</exception>
    /// <exception cref="WorkflowForbiddenException">The task is not the actor's to take.</exception>
    public async Task<TaskView> ClaimAsync(string taskId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExecuteAsync(actor, async u =>
        {
            var task = await OpenTaskAsync(u, taskId, ct).ConfigureAwait(false);
            if (!MaySee(task, actor))
            {
                throw new WorkflowForbiddenException($"Task {taskId} is not assigned to you or to one of your groups.");
            }

            if (task.Assignee is { } holder && holder != actor.Id)
            {
                throw new WorkflowConflictException($"Task {taskId} is already claimed by {await NameOfAsync(holder, ct).ConfigureAwait(false)}.");
            }

            await u.RunAsync(task.InstanceId, new ClaimUserTask(taskId, actor.Id)).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return await GetTaskViewAsync(taskId, ct).ConfigureAwait(false);
    }

    /// <summary>Gives a claimed task back to its candidates.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="actor">Who unclaims (the holder, or a coordinator/admin).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<TaskView> UnclaimAsync(string taskId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExecuteAsync(actor, async u =>
        {
            var task = await OpenTaskAsync(u, taskId, ct).ConfigureAwait(false);
            if (task.Assignee != actor.Id && !actor.SeesAllTasks)
            {
                throw new WorkflowForbiddenException(task.Assignee is null
                    ? $"Task {taskId} is not claimed."
                    : $"Task {taskId} is claimed by someone else; only they or a coordinator can give it back.");
            }

            await u.RunAsync(task.InstanceId, new UnclaimUserTask(taskId) { UserId = actor.Id }).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return await GetTaskViewAsync(taskId, ct).ConfigureAwait(false);
    }

    /// <summary>The longest reason a coordinator may give for handing a task to someone.</summary>
    public const int MaxAssignReasonLength = 1000;

    /// <summary>
    /// Hands an open task to a named colleague (coordinators and admins), whoever holds it now. The reason is kept in
    /// the history (<c>TaskReassigned</c>: assignee, previous assignee, reason) beside the engine's own <c>TaskAssigned</c>.
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="assigneeId">The colleague's account id (an unlocked account with a casework role).</param>
    /// <param name="reason">Why (required, at most <see cref="MaxAssignReasonLength"/> characters).</param>
    /// <param name="actor">Who assigns.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The task as it is now.</returns>
    /// <exception cref="ArgumentException">No reason, a reason too long, or no such colleague (the message names the field).</exception>
    /// <exception cref="WorkflowForbiddenException">The actor is not a coordinator or an admin.</exception>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open.</exception>
    public async Task<TaskView> AssignAsync(string taskId, string? assigneeId, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.SeesAllTasks)
        {
            throw new WorkflowForbiddenException("Only coordinators and administrators hand tasks to a colleague; claim the task to take it yourself.");
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new ArgumentException("reason: say why the task goes to this colleague; the reason is kept in the history.", nameof(reason));
        }

        if (reason.Length > MaxAssignReasonLength)
        {
            throw new ArgumentException($"reason: at most {MaxAssignReasonLength} characters (it has {reason.Length}).", nameof(reason));
        }

        var colleagues = await new Security.StaffDirectory(_db, _runtime.Time).ColleaguesAsync(ct).ConfigureAwait(false);
        var colleague = colleagues.FirstOrDefault(c => c.Id == assigneeId)
            ?? throw new ArgumentException($"assignee: no colleague with a casework role and an open account has the id '{assigneeId}'.", nameof(assigneeId));
        await ExecuteAsync(actor, async u =>
        {
            var task = await OpenTaskAsync(u, taskId, ct).ConfigureAwait(false);
            var previous = task.Assignee;
            await u.RunAsync(task.InstanceId, new AssignUserTask(taskId, colleague.Id) { UserId = actor.Id }).ConfigureAwait(false);
            u.Audit(task.InstanceId, "TaskReassigned", task.ElementId, taskId,
                new JsonObject { ["assignee"] = colleague.Id, ["previousAssignee"] = previous, ["reason"] = reason });
            await u.DrainAsync().ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return await GetTaskViewAsync(taskId, ct).ConfigureAwait(false);
    }

    /// <summary>Completes a task with variables (checked against the task's form first; nothing changes when they break it).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="variables">The variables.</param>
    /// <param name="actor">Who completes.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open.</exception>
    /// <exception cref="WorkflowForbiddenException">The task is not the actor's.</exception>
    /// <exception cref="FormValidationException">The variables break the form.</exception>
    public Task CompleteAsync(string taskId, JsonObject? variables, Actor actor, CancellationToken ct) =>
        CompleteAsync(taskId, variables, actor, null, ct);

    /// <summary>
    /// Completes a task and, in the same transaction, runs <paramref name="inSameTransaction"/> (e.g. marking an
    /// email-action link used), so that both commit or neither does. It runs again if the command is retried.
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="variables">The variables.</param>
    /// <param name="actor">Who completes.</param>
    /// <param name="inSameTransaction">Runs after the completion was staged, before the commit; may throw to roll back.</param>
    /// <param name="ct">Cancellation.</param>
    public Task CompleteAsync(string taskId, JsonObject? variables, Actor actor, Func<OrchestratorDbContext, CancellationToken, Task>? inSameTransaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExecuteAsync(actor, async u =>
        {
            var task = await OpenTaskAsync(u, taskId, ct).ConfigureAwait(false);
            if (!MaySee(task, actor))
            {
                throw new WorkflowForbiddenException(task.Assignee is null
                    ? $"Task {taskId} is not assigned to you or to one of your groups."
                    : $"Task {taskId} is claimed by someone else.");
            }

            if (task.FormKey is { Length: > 0 } formKey && _forms is not null)
            {
                var state = await u.TryLoadAsync(task.InstanceId).ConfigureAwait(false)
                    ?? throw new WorkflowNotFoundException($"No process instance '{task.InstanceId}'.");
                var errors = await _forms.ValidateAsync(formKey, variables ?? [], _runtime.Engine.GetTaskVariables(state, taskId), state.ProcessId, state.Version, ct).ConfigureAwait(false);
                if (errors.Count > 0)
                {
                    throw new FormValidationException(errors);
                }
            }

            await u.RunAsync(task.InstanceId, new CompleteUserTask(taskId) { Variables = variables?.DeepClone().AsObject(), UserId = actor.Id }).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            if (inSameTransaction is not null)
            {
                await inSameTransaction(_db, ct).ConfigureAwait(false);
            }

            WorkflowLog.TaskCompleted(_logger, taskId, task.InstanceId, actor.Id);
            return true;
        }, ct);
    }

    // ------------------------------------------------------------------ messages, incidents

    /// <summary>
    /// Correlates a message to every instance waiting for it (name, and key when the subscription has one); when none
    /// waits, starts the processes whose latest version has a message start event of that name. A message nobody
    /// waits for is not buffered: the result is empty.
    /// </summary>
    /// <param name="name">The message name.</param>
    /// <param name="correlationKey">The correlation key.</param>
    /// <param name="variables">The payload.</param>
    /// <param name="actor">Who sends it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The instances that took it or were started by it.</returns>
    public Task<IReadOnlyList<string>> CorrelateMessageAsync(string name, string? correlationKey, JsonObject? variables, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(actor);
        return ExecuteAsync<IReadOnlyList<string>>(actor, async u =>
        {
            var result = await u.PublishAsync(name, correlationKey, variables).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            return result;
        }, ct);
    }

    /// <summary>The open incidents, oldest first.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(CancellationToken ct)
    {
        var rows = await _db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatuses.Open)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(i => new IncidentView(i.Id, i.InstanceId, i.ElementId, i.Type, i.Message, i.CreatedAt) { ProcessId = i.ProcessId })];
    }

    /// <summary>Resolves an incident and continues where it stopped (a failed job gets a new attempt).</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="actor">Who retries.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such incident.</exception>
    /// <exception cref="WorkflowConflictException">It is already resolved.</exception>
    public Task RetryIncidentAsync(string incidentId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExecuteAsync(actor, async u =>
        {
            if (ProcessInstanceState.InstanceIdOf(incidentId) is { } owner)
            {
                await u.TryLoadAsync(owner).ConfigureAwait(false);
            }

            var incident = await _db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, ct).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"No incident '{incidentId}'.");
            if (incident.Status != IncidentStatuses.Open)
            {
                throw new WorkflowConflictException($"Incident {incidentId} is already resolved.");
            }

            await u.RunAsync(incident.InstanceId, new RetryIncident(incidentId)).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            WorkflowLog.IncidentRetried(_logger, incidentId, incident.InstanceId, actor.Id);
            return true;
        }, ct);
    }

    // ------------------------------------------------------------------ scheduler entry points (WorkflowJobRunner)

    /// <summary>The timer and job runner on this service's DbContext and transactions.</summary>
    public WorkflowJobRunner Jobs { get; }

    /// <summary>Fires a timer (idempotent: a timer already fired, cancelled or unknown answers <c>false</c>); see <see cref="WorkflowJobRunner.FireTimerAsync"/>.</summary>
    /// <param name="timerId">The timer id.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<bool> FireTimerAsync(string timerId, CancellationToken ct) => Jobs.FireTimerAsync(timerId, ct);

    /// <summary>Runs one job attempt under a lease; see <see cref="WorkflowJobRunner.RunJobAsync"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="workerId">This worker's id.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<bool> RunJobAsync(string jobId, string workerId, CancellationToken ct) => Jobs.RunJobAsync(jobId, workerId, ct);

    /// <summary>Runs the jobs that are due and not leased; see <see cref="WorkflowJobRunner.RunDueJobsAsync"/>.</summary>
    /// <param name="workerId">This worker's id.</param>
    /// <param name="max">At most this many.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<int> RunDueJobsAsync(string workerId, int max, CancellationToken ct) => Jobs.RunDueJobsAsync(workerId, max, ct);

    /// <summary>Pending timers in due order; see <see cref="WorkflowJobRunner.ListPendingTimersAsync"/>.</summary>
    /// <param name="max">At most this many.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<PendingTimer>> ListPendingTimersAsync(int max, CancellationToken ct) => Jobs.ListPendingTimersAsync(max, ct);

    /// <summary>Pending jobs in due order; see <see cref="WorkflowJobRunner.ListPendingJobsAsync"/>.</summary>
    /// <param name="max">At most this many.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<PendingJob>> ListPendingJobsAsync(int max, CancellationToken ct) => Jobs.ListPendingJobsAsync(max, ct);

    // ------------------------------------------------------------------ the transaction

    /// <summary>
    /// Runs <paramref name="body"/> in one transaction and commits; retries with a fresh load when another writer won
    /// (optimistic concurrency on the instance version, or a transient lock conflict). Inside a transaction the caller
    /// opened, runs once and leaves the commit to the caller.
    /// </summary>
    internal async Task<T> ExecuteAsync<T>(Actor actor, Func<CommandUnit, Task<T>> body, CancellationToken ct)
    {
        if (_db.Database.CurrentTransaction is not null)
        {
            var unit = new CommandUnit(_db, _runtime, actor, _effects, ct);
            var value = await body(unit).ConfigureAwait(false);
            await _db.SaveChangesAsync(ct).ConfigureAwait(false);
            return value;
        }

        var max = Math.Max(1, _runtime.Options.MaxConcurrencyRetries);
        for (var attempt = 1; ; attempt++)
        {
            _db.ChangeTracker.Clear();
            await _runtime.RefreshIfStaleAsync(_db, ct).ConfigureAwait(false);
            var unit = new CommandUnit(_db, _runtime, actor, _effects, ct);
            T value;
            var tx = await _db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);

            // Our own transaction is rolled back as a whole on any failure, so EF's savepoint around each SaveChanges
            // (two more statements each) buys nothing here; a caller's transaction (above) keeps them.
            var savepoints = _db.Database.AutoSavepointsEnabled;
            _db.Database.AutoSavepointsEnabled = false;
            await using (tx.ConfigureAwait(false))
            {
                try
                {
                    value = await body(unit).ConfigureAwait(false);
                    await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (DatabaseProviders.IsConcurrencyConflict(e))
                {
                    await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    _db.ChangeTracker.Clear();
                    if (attempt >= max)
                    {
                        throw new WorkflowConflictException($"The instance was changed by other requests at the same time; gave up after {max} attempts. Try again.", e);
                    }

                    WorkflowLog.ConcurrencyConflict(_logger, e, attempt, max);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), ct).ConfigureAwait(false);
                    continue;
                }
                catch
                {
                    _db.ChangeTracker.Clear();
                    throw;
                }
                finally
                {
                    _db.Database.AutoSavepointsEnabled = savepoints;
                }
            }

            _db.ChangeTracker.Clear();
            await AfterCommitAsync(unit, ct).ConfigureAwait(false);
            return value;
        }
    }

    private async Task AfterCommitAsync(CommandUnit unit, CancellationToken ct)
    {
        foreach (var action in unit.AfterCommit)
        {
            try
            {
                action();
            }
#pragma warning disable CA1031 // The command is committed; an after-commit nudge that fails is repaired by its owner's own schedule.
            catch (Exception e)
#pragma warning restore CA1031
            {
                WorkflowLog.AfterCommitFailed(_logger, e);
            }
        }

        var changes = new WorkflowScheduleChanges(unit.TimersScheduled.ToList(), unit.TimersRemoved.Distinct(StringComparer.Ordinal).ToList(), unit.JobsScheduled.ToList());
        if (!changes.IsEmpty)
        {
            try
            {
                await _scheduler.OnCommittedAsync(changes, ct).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The rows are the truth; a scheduler failure is repaired by rescheduling at start-up.
            catch (Exception e)
#pragma warning restore CA1031
            {
                WorkflowLog.SchedulerFailed(_logger, e, changes.TimersScheduled.Count);
            }
        }

        if (_runtime.Options.RunJobsAfterCommit)
        {
            Jobs.Enqueue(unit.JobsToRun);
            try
            {
                await Jobs.RunQueuedJobsAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The command is committed; its jobs stay in the jobs table and the poller (RunDueJobsAsync) runs them.
                Jobs.ClearQueue();
                WorkflowLog.JobsAfterCommitFailed(_logger, e, unit.JobsToRun.Count);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private async Task AuditReadAsync(string instanceId, string type, Actor actor, CancellationToken ct)
    {
        _db.History.Add(new HistoryRecord { InstanceId = instanceId, At = _runtime.Time.GetUtcNow(), Type = type, UserId = Limit(actor.Id, OrchestratorModel.NameLength) });
        await _db.SaveChangesAsync(ct).ConfigureAwait(false);
        _db.ChangeTracker.Clear();
    }

    private async Task<TaskRecord> OpenTaskAsync(CommandUnit u, string taskId, CancellationToken ct)
    {
        // The instance first, then the task row: under read committed the row is then at least as new as the state,
        // so a task another request just completed is answered "no longer open" (409), never "not found".
        if (ProcessInstanceState.InstanceIdOf(taskId) is { } instanceId)
        {
            await u.TryLoadAsync(instanceId).ConfigureAwait(false);
        }


        // Tracked: the command's claim/completion then changes this row without loading it again (one round trip less).
        var task = await _db.Tasks.Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == taskId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No task '{taskId}'.");
        if (task.Status != TaskStatuses.Open)
        {
            // The person who won, by name (the row holds their account id).
            var by = task.EndedBy is null ? null : await NameOfAsync(task.EndedBy, ct).ConfigureAwait(false);
            throw new WorkflowConflictException(task.Status == TaskStatuses.Completed
                ? $"Task {taskId} is no longer open: it was completed{(by is null ? "" : " by " + by)}{(task.EndedAt is { } at ? " at " + at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "")}."
                : $"Task {taskId} is no longer open: it was cancelled.");
        }

        return task;
    }

    private async Task<TaskView> GetTaskViewAsync(string taskId, CancellationToken ct)
    {
        var task = await _db.Tasks.AsNoTracking().Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == taskId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No task '{taskId}'.");
        return TaskInbox.ToView(task, await Security.StaffDirectory.NamesAsync(_db, [task.Assignee], ct).ConfigureAwait(false));
    }

    private async Task<string> NameOfAsync(string userId, CancellationToken ct) =>
        Security.StaffDirectory.Describe(userId, await Security.StaffDirectory.NamesAsync(_db, [userId], ct).ConfigureAwait(false));

    /// <summary>
    /// A person sees and acts on a task assigned to them, or an unclaimed task of their groups or naming them; coordinators
    /// and admins on all; an outside recipient only on the tasks addressed to them.
    /// </summary>
    private static bool MaySee(TaskRecord task, Actor actor) =>
        actor.ExternalEmail is { } email
            ? string.Equals(task.ExternalRecipient, email, StringComparison.OrdinalIgnoreCase)
            : actor.SeesAllTasks
        || task.Assignee == actor.Id
        || (task.Assignee is null && task.Candidates.Any(c =>
            (c.Kind == CandidateKinds.User && c.Name == actor.Id) || (c.Kind == CandidateKinds.Group && actor.Roles.Contains(c.Name))));

    internal static string Limit(string value, int max) => value.Length <= max ? value : value[..max];
}
