using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Scheduling;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// The scheduler side of link expiry (a singleton), built like the engine's timers (<c>Scheduling/README.md</c>): the
/// link rows are the truth; Hangfire only decides when. A link gets one Hangfire job (<see cref="ReportAsync"/>) at its
/// <c>expires_at</c> once its expiry comes within the scheduler's window (<see cref="HangfireWorkflowScheduler.ScheduledAhead"/>,
/// two sweep periods): after the commit that created it when it expires that soon, otherwise from the reconciliation
/// sweep's repair (<see cref="RescheduleAsync(DateTimeOffset?, CancellationToken)"/>) as the expiry comes near — so a
/// link answered days before its expiry leaves no job behind. Firing (<see cref="FireAsync"/>) is
/// <see cref="EmailActionExpiryNotifier.NotifyAsync"/>, idempotent. No polling of its own. When scheduling is off
/// (<c>Scheduling:Enabled=false</c>) nothing is scheduled and the coordinators hear of an expired link only when someone
/// uses it.
/// </summary>
public sealed class EmailActionExpiryScheduler(IServiceProvider services, IServiceScopeFactory scopes, TimeProvider time, ILogger<EmailActionExpiryScheduler> logger)
{
    /// <summary>How long after a failed firing the link is tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Task, byte> _scheduling = new();

    /// <summary>Whether this node schedules expiries (Hangfire runs here).</summary>
    public bool Enabled => Scheduler is not null;

    private HangfireWorkflowScheduler? Scheduler => services.GetService<HangfireWorkflowScheduler>();

    /// <summary>
    /// Schedules the expiry of a new link once the command that created it has committed (never if it rolls back), when
    /// it expires within the scheduler's window; a later expiry is scheduled by the sweep as it comes near.
    /// </summary>
    /// <param name="change">The command's transaction.</param>
    /// <param name="tokenId">The link's row id.</param>
    /// <param name="expiresAt">When it expires.</param>
    public void ScheduleAfterCommit(AppliedChange change, Guid tokenId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Scheduler is not { } scheduler || expiresAt > scheduler.Horizon)
        {
            return;
        }

        // After-commit actions are synchronous; the job is written in the background. A failure is logged, and the
        // sweep's repair makes the job from the row.
        change.AfterCommit(() => Track(Task.Run(() => ScheduleAsync([(tokenId, expiresAt)], CancellationToken.None))));
    }

    /// <summary>Completes when the jobs staged by <see cref="ScheduleAfterCommit"/> so far are written (tests, shutdown).</summary>
    public Task WhenScheduledAsync() => Task.WhenAll(_scheduling.Keys);

    /// <summary>Schedules a job for each link at the given time (by the service clock; at once when past).</summary>
    /// <param name="links">The links' row ids and when each is to be reported.</param>
    /// <param name="ct">Cancellation.</param>
    public Task ScheduleAsync(IReadOnlyCollection<(Guid TokenId, DateTimeOffset At)> links, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0 || Scheduler is not { } scheduler)
        {
            return Task.CompletedTask;
        }

        foreach (var (tokenId, at) in links)
        {
            ct.ThrowIfCancellationRequested();
            var name = Name(tokenId);
            scheduler.Client.Schedule<EmailActionExpiryScheduler>(s => s.ReportAsync(name, CancellationToken.None), at);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Start-up: a job for every link that is unanswered, unreported, whose task is open and that expires within the
    /// scheduler's window, unless Hangfire already has one. Links that expired while the service was down fire at once.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many jobs were made.</returns>
    public async Task<int> RescheduleAsync(CancellationToken ct) => (await RescheduleCoreAsync(null, ct).ConfigureAwait(false)).Made;

    /// <summary>
    /// The reconciliation sweep's repair (<see cref="ScheduleRepair"/>): the same for the links expiring before
    /// <paramref name="dueBefore"/> (the window when <c>null</c>). Returns how many of the jobs it made were repairs —
    /// links that expire within the window of their creation and so had their job since their commit; the links it
    /// only brought into the window are its normal work and are not counted.
    /// </summary>
    /// <param name="dueBefore">Only links expiring before this; <c>null</c>: the scheduler's window.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many firings were repaired.</returns>
    public async Task<int> RescheduleAsync(DateTimeOffset? dueBefore, CancellationToken ct) => (await RescheduleCoreAsync(dueBefore, ct).ConfigureAwait(false)).Repaired;

    /// <summary>
    /// What a job does: reports the link if it expired unanswered (once, whoever fires it); a firing ahead of the
    /// service's clock changes nothing and schedules the job again for the expiry.
    /// </summary>
    /// <param name="tokenId">The link's row id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ExpiryNotice> FireAsync(Guid tokenId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<EmailActionExpiryNotifier>();
        var notice = await notifier.NotifyAsync(tokenId, ct).ConfigureAwait(false);
        if (notice == ExpiryNotice.NotYetExpired)
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var expiresAt = await db.EmailActionTokens.AsNoTracking().Where(t => t.Id == tokenId).Select(t => t.ExpiresAt).SingleAsync(ct).ConfigureAwait(false);

            // Hangfire runs jobs by the system clock, the expiry is the service's: run again once as much time has
            // passed as the service clock says is missing.
            await ScheduleAsync([(tokenId, DateTimeOffset.UtcNow + (expiresAt - time.GetUtcNow()))], ct).ConfigureAwait(false);
        }

        return notice;
    }

    /// <summary>The Hangfire job of one link (its argument is the row id, <see cref="Name"/>): <see cref="FireAsync"/>; a failure is tried again <see cref="RetryDelay"/> later.</summary>
    /// <param name="tokenId">The link's row id.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    public async Task ReportAsync(string tokenId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(tokenId, out var id))
        {
            return;
        }

        try
        {
            await FireAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing committed: the row is still unreported, so the next try (or the sweep) reports it.
            EmailActionLog.ExpiryFailed(logger, e, id);
            await ScheduleAsync([(id, time.GetUtcNow() + RetryDelay)], CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The job argument of a link.</summary>
    /// <param name="tokenId">The link's row id.</param>
    public static string Name(Guid tokenId) => tokenId.ToString("D");

    private async Task<(int Made, int Repaired)> RescheduleCoreAsync(DateTimeOffset? dueBefore, CancellationToken ct)
    {
        if (Scheduler is not { } scheduler)
        {
            return (0, 0);
        }

        var before = dueBefore ?? scheduler.Horizon;
        List<(Guid Id, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt)> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            candidates = [.. (await db.EmailActionTokens.AsNoTracking()
                .Where(t => t.UsedAt == null && t.ExpiredNotifiedAt == null && t.ExpiresAt <= before && db.Tasks.Any(k => k.Id == t.TaskId && k.Status == TaskStatuses.Open))
                .Select(t => new { t.Id, t.ExpiresAt, t.CreatedAt })
                .ToListAsync(ct).ConfigureAwait(false)).Select(r => (r.Id, r.ExpiresAt, r.CreatedAt))];
        }

        if (candidates.Count == 0)
        {
            return (0, 0);
        }

        // A job that can still run counts as a firing (scheduled, enqueued, fetched, processing); read only when there
        // is a link to look for, which most rounds have not.
        var live = scheduler.LiveJobs(typeof(EmailActionExpiryScheduler), nameof(ReportAsync));
        List<(Guid Id, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt)> missing = [.. candidates.Where(c => !live.ContainsKey(Name(c.Id)))];
        await ScheduleAsync([.. missing.Select(m => (m.Id, m.ExpiresAt))], ct).ConfigureAwait(false);
        var window = scheduler.ScheduledAhead ?? TimeSpan.Zero;
        var repaired = missing.Count(m => m.ExpiresAt - m.CreatedAt <= window);
        if (dueBefore is null)
        {
            EmailActionLog.ExpiriesScheduled(logger, missing.Count, live.Count);
        }

        return (missing.Count, repaired);
    }

    private void Track(Task scheduling)
    {
        // What is tracked never faults: a failure is logged here, and waiting for the pending writes never throws.
        var observed = scheduling.ContinueWith(
            t =>
            {
                if (t.Exception is { } e)
                {
                    EmailActionLog.ExpiryNotScheduled(logger, e.GetBaseException());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _scheduling.TryAdd(observed, 0);
        _ = observed.ContinueWith(o => _scheduling.TryRemove(o, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
