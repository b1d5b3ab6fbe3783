using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime;
using Orchestrator.Engine.Validation;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>
/// The durable workflow core (scoped): every command is one database transaction (load the instance row, run the
/// engine, write the state, task/timer/job/subscription/incident rows, history and cross-instance effects, commit with
/// optimistic concurrency on the instance's version, retry a few times on conflict). Jobs due now run right after the
/// commit, under a lease. Reads of instances are audited.
/// </summary>
public sealed partial class WorkflowService
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
