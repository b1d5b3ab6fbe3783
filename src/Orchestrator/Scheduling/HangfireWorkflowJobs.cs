using Microsoft.EntityFrameworkCore;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Scheduling;

/// <summary>
/// What Hangfire runs (resolved from a fresh DI scope per job): a timer's firing and an engine job's attempt; and the
/// firing of a timer armed in-process (<see cref="ImminentTimers"/>). Hangfire keeps due times in whole seconds and
/// moves a job to its queue when the second starts, so a job can run up to a second early: a deadline never fires early
/// — the firing waits out the rest (up to <see cref="MaxEarlyWait"/>) or schedules itself again for when it is due.
/// Every failure of a Hangfire firing leaves the row pending and schedules a retry <see cref="RetryDelay"/> later; when
/// even that cannot be written, the reconciliation sweep schedules it. A failed in-process firing is left to its
/// Hangfire job. Hangfire's own retries are off for these jobs (the host's filter list holds only
/// <see cref="SettledTimerFilter"/>).
/// </summary>
public sealed class HangfireWorkflowJobs(
    IServiceScopeFactory scopes,
    HangfireWorkflowScheduler scheduler,
    SchedulerStatistics statistics,
    TimeProvider time,
    WorkflowOptions workflowOptions,
    ILogger<HangfireWorkflowJobs> logger,
    OrchestratorMetrics? metrics = null)
{
    /// <summary>How early a firing may run and still wait for the due time itself instead of being scheduled again.</summary>
    public static readonly TimeSpan MaxEarlyWait = TimeSpan.FromSeconds(2);

    /// <summary>How long after a failed firing a timer is tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Fires one engine timer, not before <paramref name="dueTicks"/> (idempotent: a fired or cancelled timer is a no-op).</summary>
    /// <param name="timerId">The timer.</param>
    /// <param name="dueTicks">Its due time, UTC ticks.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    public async Task FireTimerAsync(string timerId, long dueTicks, CancellationToken cancellationToken)
    {
        var due = new DateTimeOffset(dueTicks, TimeSpan.Zero);
        TimeSpan early;
        while ((early = due - time.GetUtcNow()) > TimeSpan.Zero)
        {
            if (early > MaxEarlyWait)
            {
                // Hangfire runs jobs by the system clock, the due time is the service's: run again once as much time
                // has passed as the service clock says is missing.
                scheduler.ScheduleFiring(timerId, due, DateTimeOffset.UtcNow + early);
                return;
            }

            // A delay counts whole milliseconds of a coarser clock and may end a little before the service clock
            // reaches the due time: wait a touch longer, and look again.
            await Task.Delay(early + TimeSpan.FromMilliseconds(2), time, cancellationToken).ConfigureAwait(false);
        }

        if (await FireAsync(timerId, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            SchedulingLog.TimerFailed(logger, failure, timerId);
            try
            {
                scheduler.ScheduleFiring(timerId, due, DateTimeOffset.UtcNow + RetryDelay);
            }
#pragma warning disable CA1031 // Whatever stops the retry from being written, the sweep schedules the pending row.
            catch (Exception retry)
#pragma warning restore CA1031
            {
                SchedulingLog.TimerRetryNotScheduled(logger, retry, timerId);
            }
        }
    }

    /// <summary>
    /// Fires a timer armed in-process, which <see cref="ImminentTimers"/> hands out once the service clock has reached
    /// its due time. A failure is logged and left to the timer's Hangfire job (its backstop).
    /// </summary>
    /// <param name="timerId">The timer.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task FireArmedAsync(string timerId, CancellationToken cancellationToken)
    {
        if (await FireAsync(timerId, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            SchedulingLog.TimerFailed(logger, failure, timerId);
        }
    }

    /// <summary>Reads the row and fires it when pending; returns what failed, or <c>null</c> (fired, or nothing to do).</summary>
    private async Task<Exception?> FireAsync(string timerId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        bool fired;
        string processId;
        DateTimeOffset due;
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var row = await db.Timers.AsNoTracking().Where(t => t.Id == timerId).Select(t => new { t.ProcessId, t.DueAt, t.Status })
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (row is null || row.Status != TimerStatuses.Pending)
            {
                statistics.TimerNoop();
                return null;
            }

            (processId, due) = (row.ProcessId, row.DueAt);
            fired = await scope.ServiceProvider.GetRequiredService<WorkflowService>().FireTimerAsync(timerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e;
        }

        if (!fired)
        {
            statistics.TimerNoop();
            return null;
        }

        var lateness = time.GetUtcNow() - due;
        statistics.TimerFired(lateness);
        metrics?.TimerFired(processId, lateness);
        return null;
    }

    /// <summary>Runs one attempt of an engine job (a retry's back-off, a dead node's lease); when another worker holds it, tries again when its lease ends.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    public async Task RunJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var ran = await services.GetRequiredService<WorkflowService>().RunJobAsync(jobId, workflowOptions.WorkerId, cancellationToken).ConfigureAwait(false);
        if (ran)
        {
            statistics.JobRun();
            return;
        }

        var db = services.GetRequiredService<OrchestratorDbContext>();
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.DueAt, j.LeaseUntil })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (job is not null)
        {
            scheduler.ScheduleJob(jobId, job.LeaseUntil is { } until && until > job.DueAt ? until.AddSeconds(1) : job.DueAt);
        }
    }
}
