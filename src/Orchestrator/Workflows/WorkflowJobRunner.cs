using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>
/// The timer and job runner of the durable core (one per <see cref="WorkflowService"/>, on its DbContext and in its
/// transactions): fires timers (exactly once: the row is claimed <c>pending → fired</c>), runs service-task jobs under a
/// lease (the handler outside any transaction, its outcome as one command), and runs the jobs a command made due right
/// after its commit. The scheduler calls it through <see cref="WorkflowService.Jobs"/> (the service's own
/// <c>FireTimerAsync</c>/<c>RunJobAsync</c>/<c>RunDueJobsAsync</c> forward here).
/// </summary>
public sealed class WorkflowJobRunner
{
    private readonly WorkflowService _service;
    private readonly OrchestratorDbContext _db;
    private readonly WorkflowRuntime _runtime;
    private readonly ILogger _logger;
    private readonly Queue<string> _jobQueue = new();
    private bool _runningJobs;

    internal WorkflowJobRunner(WorkflowService service, OrchestratorDbContext db, WorkflowRuntime runtime, ILogger logger)
    {
        _service = service;
        _db = db;
        _runtime = runtime;
        _logger = logger;
    }

    /// <summary>
    /// Fires a timer (an instance's, or a timer start event's). Idempotent: a timer already fired or cancelled, or
    /// unknown, is a no-op answered <c>false</c>.
    /// </summary>
    /// <param name="timerId">The timer id.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<bool> FireTimerAsync(string timerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timerId);
        return _service.ExecuteAsync(Actor.System, async u =>
        {
            var timer = await _db.Timers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId, ct).ConfigureAwait(false);
            if (timer is null || timer.Status != TimerStatuses.Pending)
            {
                return false;
            }

            // The conditional update is what makes firing exactly-once across nodes.
            var now = u.Now;
            var claimed = await _db.Timers.Where(t => t.Id == timerId && t.Status == TimerStatuses.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Fired).SetProperty(t => t.FiredAt, now), ct).ConfigureAwait(false);
            if (claimed == 0)
            {
                return false;
            }

            u.FiringTimerId = timerId;
            u.TimersRemoved.Add(timerId);
            if (timer.InstanceId is null)
            {
                var plan = new StartTimerPlan(timer.ProcessId, timer.ProcessVersion, timer.ElementId, timer.DueAt, timer.Repetitions, timer.Cycle);
                // Occurrences that passed while no node ran (or that fell due before this late firing) are skipped:
                // this firing is the one catch-up start for all of them (Quartz's "fire once now"), and the next is the
                // first occurrence after now, so a weekly meeting after a month's downtime starts once, not four times.
                if (WorkflowEngine.NextStartTimerDue(plan, now) is { } next)
                {
                    AddStartTimer(u, next);
                }

                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                await u.RunAsync(null, new StartInstance(timer.ProcessId)
                {
                    InstanceId = CommandUnit.NewInstanceId(),
                    Version = timer.ProcessVersion,
                    StartEventId = timer.ElementId,
                    UserId = Actor.System.Id,
                }).ConfigureAwait(false);
            }
            else if (await u.TryLoadAsync(timer.InstanceId).ConfigureAwait(false) is not null)
            {
                await u.RunAsync(timer.InstanceId, new FireTimer(timerId)).ConfigureAwait(false);
            }

            await u.DrainAsync().ConfigureAwait(false);
            WorkflowLog.TimerFired(_logger, timerId, timer.InstanceId, timer.DueAt, u.Now - timer.DueAt);
            return true;
        }, ct);
    }

    /// <summary>
    /// Runs one job attempt under a lease: takes the lease (only when the job is due and not leased by a live worker),
    /// runs the handler outside the transaction, then completes, fails (retry with back-off, then an incident) or throws
    /// the BPMN error in one transaction. <c>false</c> when the job was not run (unknown, not due, leased elsewhere).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="workerId">This worker's id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<bool> RunJobAsync(string jobId, string workerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(workerId);
        var ran = await RunJobCoreAsync(jobId, workerId, ct).ConfigureAwait(false);
        await RunQueuedJobsAsync(ct).ConfigureAwait(false);
        return ran;
    }

    /// <summary>Runs the jobs that are due and not leased (the poller's work; also picks up jobs of a dead node whose lease expired).</summary>
    /// <param name="workerId">This worker's id.</param>
    /// <param name="max">At most this many.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many ran.</returns>
    public async Task<int> RunDueJobsAsync(string workerId, int max, CancellationToken ct)
    {
        var now = _runtime.Time.GetUtcNow();
        var ids = await _db.Jobs.AsNoTracking().Where(j => j.DueAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.DueAt).Select(j => j.Id).Take(max).ToListAsync(ct).ConfigureAwait(false);
        var count = 0;
        foreach (var id in ids)
        {
            if (await RunJobAsync(id, workerId, ct).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Pending timers in due order (for the scheduler at start-up).</summary>
    /// <param name="max">At most this many.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<PendingTimer>> ListPendingTimersAsync(int max, CancellationToken ct)
    {
        var rows = await _db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending).OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(max).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(t => new PendingTimer(t.Id, t.InstanceId, t.ElementId, t.DueAt))];
    }

    /// <summary>Pending jobs in due order (for the scheduler at start-up).</summary>
    /// <param name="max">At most this many.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<PendingJob>> ListPendingJobsAsync(int max, CancellationToken ct)
    {
        var rows = await _db.Jobs.AsNoTracking().OrderBy(j => j.DueAt).ThenBy(j => j.Id).Take(max).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(j => new PendingJob(j.Id, j.InstanceId, j.DueAt))];
    }

    /// <summary>Runs the jobs queued by <see cref="Enqueue"/> (after a commit), one after the other; reentrant calls return at once.</summary>
    /// <param name="ct">Cancellation.</param>
    internal async Task RunQueuedJobsAsync(CancellationToken ct)
    {
        if (_runningJobs)
        {
            return;
        }

        _runningJobs = true;
        try
        {
            while (_jobQueue.TryDequeue(out var id))
            {
                await RunJobCoreAsync(id, _runtime.Options.WorkerId, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _runningJobs = false;
        }
    }

    private async Task<bool> RunJobCoreAsync(string jobId, string workerId, CancellationToken ct)
    {
        var now = _runtime.Time.GetUtcNow();
        var until = now + _runtime.Options.JobLease;
        _db.ChangeTracker.Clear();
        var leased = await _db.Jobs.Where(j => j.Id == jobId && j.DueAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, workerId).SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.Attempts, j => j.Attempts + 1), ct)
            .ConfigureAwait(false);
        if (leased == 0)
        {
            return false;
        }

        var job = await _db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct).ConfigureAwait(false);
        var row = await _db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == job.InstanceId, ct).ConfigureAwait(false);
        if (row is null)
        {
            await _db.Jobs.Where(j => j.Id == jobId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            return false;
        }

        var state = ProcessInstanceState.FromJson(row.State);
        await _runtime.EnsureAsync(_db, state.ProcessId, state.Version, ct).ConfigureAwait(false);
        JobContext context;
        try
        {
            context = _runtime.Engine.CreateJobContext(state, jobId);
        }
        catch (WorkflowCommandException)
        {
            // The instance no longer has this job (its task was cancelled): the row is stale.
            await _db.Jobs.Where(j => j.Id == jobId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            return false;
        }

        var handler = _runtime.Handlers.Find(context.Job);
        JobOutcome outcome;
        if (handler is null)
        {
            outcome = JobOutcome.Fail($"No handler is registered for job type '{context.Job.Type}'.");
        }
        else
        {
            try
            {
                outcome = await handler.ExecuteAsync(context, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A handler's exception is a technical failure of the job, whatever it is.
            catch (Exception e)
#pragma warning restore CA1031
            {
                WorkflowLog.JobFailed(_logger, e, jobId, context.Job.Type, job.InstanceId);
                outcome = JobOutcome.Fail(e.Message);
            }
        }

        WorkflowCommand command = outcome switch
        {
            JobCompleted c => new CompleteJob(jobId) { Variables = c.Variables },
            JobBpmnError e => new ThrowJobError(jobId, e.ErrorCode) { Message = e.Message, Variables = e.Variables },
            JobFailedOutcome f => new FailJob(jobId, f.Message) { Backoff = f.Backoff },
            _ => new FailJob(jobId, "Unknown job outcome."),
        };
        try
        {
            return await _service.ExecuteAsync(Actor.System, async u =>
            {
                var current = await _db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct).ConfigureAwait(false);
                if (current is null || current.LeaseOwner != workerId)
                {
                    return false;
                }

                var result = await u.RunAsync(job.InstanceId, command).ConfigureAwait(false);
                if (outcome is JobCompleted completed && handler is ITransactionalJobHandler transactional)
                {
                    await transactional.OnCompletingAsync(context, completed, u.ChangeFor(result), ct).ConfigureAwait(false);
                }

                if (outcome is JobFailedOutcome failed && await _db.Jobs.FindAsync([jobId], ct).ConfigureAwait(false) is { } retry)
                {
                    retry.LastError = ColumnText.Fit(failed.Message, OrchestratorModel.MessageLength);
                }

                await u.DrainAsync().ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WorkflowNotFoundException or WorkflowConflictException)
        {
            WorkflowLog.JobNotApplied(_logger, jobId, e.Message);
            return false;
        }
    }

    /// <summary>Adds the row of a timer start event's next occurrence (and tells the scheduler after the commit).</summary>
    /// <param name="u">The command.</param>
    /// <param name="plan">The occurrence.</param>
    internal void AddStartTimer(CommandUnit u, StartTimerPlan plan)
    {
        var id = $"start:{plan.ProcessId}:{plan.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{plan.StartEventId}:{plan.Due.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        _db.Timers.Add(new TimerRecord
        {
            Id = id,
            InstanceId = null,
            ProcessId = plan.ProcessId,
            ProcessVersion = plan.Version,
            ElementId = plan.StartEventId,
            DueAt = plan.Due,
            Repetitions = plan.RepetitionsLeft,
            Cycle = plan.Cycle,
            Status = TimerStatuses.Pending,
            CreatedAt = u.Now,
        });
        u.TimersScheduled.Add(new PendingTimer(id, null, plan.StartEventId, plan.Due));
    }

    /// <summary>Queues the jobs a command made due now, to run after its commit (<see cref="RunQueuedJobsAsync"/>).</summary>
    /// <param name="jobIds">The jobs.</param>
    internal void Enqueue(IEnumerable<string> jobIds)
    {
        foreach (var id in jobIds)
        {
            _jobQueue.Enqueue(id);
        }
    }

    /// <summary>Drops the queued jobs (their run after the commit failed; the poller runs them from the table).</summary>
    internal void ClearQueue() => _jobQueue.Clear();
}
