using Microsoft.EntityFrameworkCore;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows;
using Quartz;

namespace Orchestrator.Scheduling;

/// <summary>Reading the work's id from a firing.</summary>
internal static class SchedulerKeys
{
    /// <summary>
    /// The trigger whose name is the timer or job id: the firing trigger, or — when a node died while running it and
    /// another node recovers the firing — the original trigger (a recovery trigger has a generated name).
    /// </summary>
    public static TriggerKey OriginalTrigger(IJobExecutionContext context) =>
        context.Recovering && context.RecoveringTriggerKey is { } original ? original : context.Trigger.Key;
}

/// <summary>
/// Fires one engine timer: the trigger's name is the timer id. Runs <see cref="WorkflowService.FireTimerAsync"/> in a
/// fresh scope; that call is idempotent (a timer already fired or cancelled is a no-op), so a trigger that fires twice
/// (recovery after a crash, a manual fire first, the reconciliation sweep) acts once. Every failure on the way — reading
/// the row, the firing's command, the database going away mid-way — leaves the row pending and the timer is tried again
/// <see cref="QuartzWorkflowScheduler.TimerRetryDelay"/> later; when even that retry cannot be written (the store is
/// away too), the reconciliation sweep schedules it once the database answers. Records timers fired and lateness
/// (commit time − due).
/// </summary>
public sealed class FireTimerJob(IServiceScopeFactory scopes, SchedulerStatistics statistics, QuartzWorkflowScheduler scheduler, ILogger<FireTimerJob> logger, OrchestratorMetrics? metrics = null) : IJob
{
    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timerId = SchedulerKeys.OriginalTrigger(context).Name;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        bool fired;
        string processId;
        DateTimeOffset due;
        try
        {
            var db = services.GetRequiredService<OrchestratorDbContext>();
            var row = await db.Timers.AsNoTracking().Where(t => t.Id == timerId).Select(t => new { t.ProcessId, t.DueAt, t.Status })
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (row is null || row.Status != TimerStatuses.Pending)
            {
                statistics.TimerNoop();
                return;
            }

            (processId, due) = (row.ProcessId, row.DueAt);
            QuartzWorkflowScheduler.FiringTimer.Value = timerId;
            fired = await services.GetRequiredService<WorkflowService>().FireTimerAsync(timerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The row stays pending: try again in a few seconds (the trigger is moved while it runs; Quartz keeps a
            // trigger rescheduled from inside its job). If the retry cannot be written either, the sweep repairs it.
            SchedulingLog.TimerFailed(logger, e, timerId);
            try
            {
                await scheduler.RetryTimerAsync(timerId, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever stops the retry from being written, the sweep schedules the pending row.
            catch (Exception retry)
#pragma warning restore CA1031
            {
                SchedulingLog.TimerRetryNotScheduled(logger, retry, timerId);
            }

            throw new JobExecutionException(e);
        }
        finally
        {
            QuartzWorkflowScheduler.FiringTimer.Value = null;
        }

        if (!fired)
        {
            statistics.TimerNoop();
            return;
        }

        var lateness = services.GetRequiredService<TimeProvider>().GetUtcNow() - due;
        statistics.TimerFired(lateness);
        metrics?.TimerFired(processId, lateness);
    }
}

/// <summary>
/// Runs one attempt of an engine job (a service task's back-off, or a job whose lease a dead node held): the trigger's
/// name is the job id. <see cref="WorkflowService.RunJobAsync"/> takes the lease; when another live worker holds it,
/// the trigger is moved to the lease's expiry.
/// </summary>
public sealed class RunWorkflowJob(IServiceScopeFactory scopes, SchedulerStatistics statistics, QuartzWorkflowScheduler scheduler, WorkflowOptions options) : IJob
{
    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jobId = SchedulerKeys.OriginalTrigger(context).Name;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var ran = await services.GetRequiredService<WorkflowService>().RunJobAsync(jobId, options.WorkerId, cancellationToken).ConfigureAwait(false);
        if (ran)
        {
            statistics.JobRun();
            return;
        }

        // Not run: gone (nothing to do), not yet due, or leased by someone else: look again when that ends.
        var db = services.GetRequiredService<OrchestratorDbContext>();
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.InstanceId, j.DueAt, j.LeaseUntil })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return;
        }

        var next = job.LeaseUntil is { } until && until > job.DueAt ? until.AddSeconds(1) : job.DueAt;
        await scheduler.ScheduleJobAttemptAsync(new PendingJob(jobId, job.InstanceId, next), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// The safety net for jobs (one node of the cluster, every <see cref="SchedulingOptions.JobRecoveryInterval"/>):
/// runs the jobs that are due and not leased — a job whose node died mid-run once its lease expired, a job whose
/// after-commit run failed. Timers are never polled: each has its own trigger.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RecoverJobsJob(IServiceScopeFactory scopes, WorkflowOptions options) : IJob
{
    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowService>().RunDueJobsAsync(options.WorkerId, 500, cancellationToken).ConfigureAwait(false);
    }
}
