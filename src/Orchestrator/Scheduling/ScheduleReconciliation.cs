using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Scheduling;

/// <summary>
/// The reconciliation sweep: every <see cref="SchedulingOptions.SweepInterval"/> it finds the pending timers due before
/// two intervals from now that have no scheduled firing — a trigger the after-commit step could not write because the
/// database went away, a firing whose retry could not be written — and schedules them through the
/// <see cref="IWorkflowScheduler"/> (an overdue one fires at once); then it runs every registered
/// <see cref="ScheduleRepair"/> (email-action expiries). A pending timer overdue by more than <see cref="StuckAfter"/>
/// is scheduled again even when it has a firing: that firing is stuck. Each repair is logged and counted
/// (<c>orchestrator.schedule.repairs</c>). It only schedules: the firing stays exactly-once because the firing claims
/// the row (<c>pending → fired</c>), whoever fires it. On PostgreSQL and SQL Server one node sweeps at a time (a
/// session advisory or application lock; a node that does not get it skips the round). A failed round (the database is still away) is logged and
/// the next one tries again.
/// </summary>
public sealed class ScheduleReconciliation(
    IServiceScopeFactory scopes,
    IWorkflowScheduler scheduler,
    IEnumerable<ScheduleRepair> repairs,
    SchedulingOptions options,
    SchedulerStatistics statistics,
    TimeProvider time,
    ILogger<ScheduleReconciliation> logger,
    OrchestratorMetrics? metrics = null) : BackgroundService
{
    /// <summary>The metric's kind of the engine's timers.</summary>
    public const string TimerKind = "timer";

    /// <summary>
    /// A timer created less than this long ago is left to the after-commit step that is writing its firing right now
    /// (checking it would count a repair that was none); the next round looks at it.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    /// <summary>The least overdue a pending timer with a scheduled firing must be before the sweep fires it again itself (<see cref="StuckAfter"/>).</summary>
    public static readonly TimeSpan MinStuckAfter = TimeSpan.FromSeconds(10);

    /// <summary>Pending timers looked at per query and per question to the scheduler.</summary>
    private const int BatchSize = 1000;

    /// <summary>The advisory lock of the sweep on PostgreSQL (any constant the service uses for nothing else: "ORCSWEEP").</summary>
    private const long LockKey = 0x4F52_4353_5745_4550;

    /// <summary>The application lock of the sweep on SQL Server.</summary>
    private const string SqlServerLockResource = "orchestrator-schedule-sweep";

    private readonly IReadOnlyList<ScheduleRepair> _repairs = [.. repairs];

    /// <summary>How often the sweep runs.</summary>
    public TimeSpan Interval => options.SweepInterval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : options.SweepInterval;

    /// <summary>
    /// A pending timer overdue by more than this (one sweep period, at least <see cref="MinStuckAfter"/>) although it has
    /// a scheduled firing is scheduled again by the sweep, whatever that firing waits for — a job a killed node had
    /// fetched (invisible for <see cref="SchedulingOptions.TakeOverAfter"/>), a lock of Hangfire's a killed node held,
    /// a firing whose retry is stuck behind a backlog — unless this node holds its firing, waiting for its turn
    /// (<see cref="IWorkflowScheduler.HoldsFiring"/>: a backlog of overdue timers after downtime). Firing is idempotent, so the worst a second firing costs is a
    /// read of the row; a deadline is never left to Hangfire's recovery alone.
    /// </summary>
    public TimeSpan StuckAfter => Interval > MinStuckAfter ? Interval : MinStuckAfter;

    /// <summary>
    /// One round: schedules the pending timers due before two intervals from now that have no scheduled firing, then
    /// runs the registered repairs. Returns how many firings it scheduled (0 when another node holds the sweep).
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    public Task<int> SweepAsync(CancellationToken ct) => SweepAsync(settle: true, ct);

    /// <summary>
    /// One round; the scheduler's start-up runs it with <paramref name="settle"/> off: no after-commit step of this node
    /// can be writing a firing before it has started, so the timers created a moment ago are scheduled too.
    /// </summary>
    /// <param name="settle">Whether to leave the timers created less than <see cref="Settle"/> ago to their after-commit step.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<int> SweepAsync(bool settle, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var provider = DatabaseProviders.FromProviderName(db.Database.ProviderName);
        DbConnection? locked = null;
        if (provider != DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            locked = db.Database.GetDbConnection();
            if (!await TryLockAsync(locked, provider, ct).ConfigureAwait(false))
            {
                SchedulingLog.SweepSkipped(logger);
                return 0;
            }
        }

        try
        {
            var now = time.GetUtcNow();
            var horizon = now + (2 * Interval);
            var repaired = await RepairTimersAsync(db, now, settle ? now - Settle : now, horizon, ct).ConfigureAwait(false);
            foreach (var repair in _repairs)
            {
                var count = await repair.RepairAsync(scope.ServiceProvider, horizon, ct).ConfigureAwait(false);
                if (count > 0)
                {
                    SchedulingLog.Repaired(logger, count, repair.Kind);
                    metrics?.ScheduleRepaired(repair.Kind, count);
                    statistics.Repaired(count);
                    repaired += count;
                }
            }

            statistics.Swept(time.GetUtcNow());
            return repaired;
        }
        finally
        {
            if (locked is not null)
            {
                await UnlockAsync(locked, provider).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var period = new PeriodicTimer(Interval);
        while (await period.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever failed (the database is still away), the next round tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                statistics.SweepFailed(e.GetBaseException().Message);
                SchedulingLog.SweepFailed(logger, e, DatabaseOutage.Classify(e) is { } outage ? $"database {outage}" : e.GetType().Name, Interval);
            }
        }
    }

    private async Task<int> RepairTimersAsync(OrchestratorDbContext db, DateTimeOffset now, DateTimeOffset settled, DateTimeOffset horizon, CancellationToken ct)
    {
        var repaired = 0;
        PendingTimer? after = null;
        while (true)
        {
            var query = db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending && t.DueAt <= horizon && t.CreatedAt <= settled);
            if (after is not null)
            {
                var (due, id) = (after.Due, after.Id);
#pragma warning disable CA1309 // string.Compare is translated to the database's "id > @id" (keyset paging in index order).
                query = query.Where(t => t.DueAt > due || (t.DueAt == due && string.Compare(t.Id, id) > 0));
#pragma warning restore CA1309
            }

            var batch = await query.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(BatchSize)
                .Select(t => new PendingTimer(t.Id, t.InstanceId, t.ElementId, t.DueAt)).ToListAsync(ct).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return repaired;
            }

            // Overdue past the stuck time, unless this node holds its firing (a backlog after downtime, firing in turn).
            // Asked before WithoutFiringAsync, which on a single node arms the timers that have a job.
            var stuckBefore = now - StuckAfter;
            List<PendingTimer> overdue = [.. batch.Where(t => t.Due <= stuckBefore && !scheduler.HoldsFiring(t))];
            var missing = await scheduler.WithoutFiringAsync(batch, ct).ConfigureAwait(false);
            var missingIds = missing.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            List<PendingTimer> late = [.. overdue.Where(t => !missingIds.Contains(t.Id))];
            if (missing.Count > 0 || late.Count > 0)
            {
                // A firing that committed since the first read also removed its trigger: only rows still pending are repairs.
                var ids = missing.Concat(late).Select(t => t.Id).ToList();
                var pending = (await db.Timers.AsNoTracking().Where(t => ids.Contains(t.Id) && t.Status == TimerStatuses.Pending).Select(t => new { t.Id, t.CreatedAt })
                    .ToListAsync(ct).ConfigureAwait(false)).ToDictionary(t => t.Id, t => t.CreatedAt, StringComparer.Ordinal);
                List<PendingTimer> due = [.. missing.Where(t => pending.ContainsKey(t.Id))];
                List<PendingTimer> stuck = [.. late.Where(t => pending.ContainsKey(t.Id))];

                // A timer due further ahead of its creation than the scheduler schedules at commit had no firing by design:
                // scheduling it now is the sweep's normal work. Any other had one and lost it: a repair.
                var ahead = scheduler.ScheduledAhead;
                List<PendingTimer> repairs = [.. due.Where(t => ahead is not { } window || t.Due - pending[t.Id] <= window)];
                if (due.Count > 0 || stuck.Count > 0)
                {
                    await scheduler.ScheduleTimersAsync([.. due, .. stuck], ct).ConfigureAwait(false);
                    statistics.BroughtIntoWindow(due.Count - repairs.Count);
                }

                if (repairs.Count > 0)
                {
                    SchedulingLog.TimersRepaired(logger, repairs.Count, repairs.Count(t => t.Due <= now), repairs[0].Id);
                    metrics?.ScheduleRepaired(TimerKind, repairs.Count);
                    statistics.Repaired(repairs.Count);
                    repaired += repairs.Count;
                }

                if (stuck.Count > 0)
                {
                    SchedulingLog.StuckTimersRescheduled(logger, stuck.Count, StuckAfter, stuck[0].Id, stuck[0].Due);
                    metrics?.ScheduleRepaired(TimerKind, stuck.Count);
                    statistics.Repaired(stuck.Count);
                    repaired += stuck.Count;
                }
            }

            if (batch.Count < BatchSize)
            {
                return repaired;
            }

            after = batch[^1];
        }
    }

    private static async Task<bool> TryLockAsync(DbConnection connection, DatabaseProvider provider, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            // SQL Server (built, never run here): a session application lock, not waited for; 0 or 1 is granted.
            command.CommandText = provider == DatabaseProvider.SqlServer
                ? $"DECLARE @r int; EXEC @r = sp_getapplock @Resource = '{SqlServerLockResource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT CAST(CASE WHEN @r >= 0 THEN 1 ELSE 0 END AS bit)"
                : FormattableString.Invariant($"SELECT pg_try_advisory_lock({LockKey})");
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
        }
    }

    private static async Task UnlockAsync(DbConnection connection, DatabaseProvider provider)
    {
        try
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = provider == DatabaseProvider.SqlServer
                    ? $"EXEC sp_releaseapplock @Resource = '{SqlServerLockResource}', @LockOwner = 'Session'"
                    : FormattableString.Invariant($"SELECT pg_advisory_unlock({LockKey})");
                await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (DbException)
        {
            // The connection broke: the server released the session's lock with it.
        }
    }
}
