using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Migrations;
using Orchestrator.Workflows;
using Quartz;

namespace Orchestrator.Scheduling;

/// <summary>Where Quartz keeps its triggers.</summary>
public enum SchedulerStore
{
    /// <summary>In memory (SQLite, one node): everything is rescheduled from the timer rows at start-up.</summary>
    Memory,

    /// <summary>Quartz's clustered ADO store in PostgreSQL (schema <c>quartz</c>): one node fires each trigger.</summary>
    PostgreSql,
}

/// <summary>
/// The Quartz side of the engine's timers and jobs (a singleton; it is the host's <see cref="IWorkflowScheduler"/>).
/// One durable Quartz job per kind of work — <see cref="FireTimerJobKey"/> and <see cref="RunJobKey"/> — and one
/// trigger per pending timer (group <see cref="TimerGroup"/>, name = timer id) or per job due later (group
/// <see cref="JobGroup"/>, name = job id). Misfire instruction: fire now. The engine's rows stay the truth: after every
/// commit <see cref="OnCommittedAsync"/> adds and removes triggers, and <see cref="StartAsync"/> reschedules every
/// pending row (batched; on PostgreSQL only the rows that have no trigger yet).
/// </summary>
public sealed class QuartzWorkflowScheduler : IWorkflowScheduler, IDisposable
{
    /// <summary>The trigger group of timers.</summary>
    public const string TimerGroup = "timers";

    /// <summary>The trigger group of job attempts.</summary>
    public const string JobGroup = "jobs";

    /// <summary>The job that fires timers.</summary>
    public static readonly JobKey FireTimerJobKey = new("fire-timer", "orchestrator");

    /// <summary>The job that runs engine jobs.</summary>
    public static readonly JobKey RunJobKey = new("run-job", "orchestrator");

    /// <summary>The job that recovers due, unleased jobs.</summary>
    public static readonly JobKey RecoverJobsKey = new("recover-jobs", "orchestrator");

    /// <summary>The timer the current async flow fires (set by <see cref="FireTimerJob"/>).</summary>
    internal static readonly AsyncLocal<string?> FiringTimer = new();

    private static readonly TimeSpan LeaseGrace = TimeSpan.FromSeconds(1);
    private readonly ISchedulerFactory _factory;
    private readonly IServiceScopeFactory _scopes;
    private readonly SchedulerStatistics _statistics;
    private readonly SchedulingOptions _options;
    private readonly ILogger<QuartzWorkflowScheduler> _logger;
    private readonly SemaphoreSlim _jobsStored = new(1, 1);
    private volatile bool _jobsReady;
    private IScheduler? _scheduler;

    /// <summary>Creates the scheduler hook.</summary>
    /// <param name="factory">Quartz's scheduler factory (AddQuartz).</param>
    /// <param name="scopes">For reading the timer rows.</param>
    /// <param name="statistics">What was done.</param>
    /// <param name="options">Settings.</param>
    /// <param name="store">Where Quartz keeps its triggers.</param>
    /// <param name="connectionString">The database (PostgreSQL: to read which triggers exist).</param>
    /// <param name="logger">The log.</param>
    public QuartzWorkflowScheduler(ISchedulerFactory factory, IServiceScopeFactory scopes, SchedulerStatistics statistics, SchedulingOptions options, SchedulerStore store, string connectionString, ILogger<QuartzWorkflowScheduler> logger)
    {
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        _scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
        _statistics = statistics ?? throw new ArgumentNullException(nameof(statistics));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Store = store;
        ConnectionString = connectionString;
    }

    /// <summary>Where Quartz keeps its triggers.</summary>
    public SchedulerStore Store { get; }

    private string ConnectionString { get; }

    /// <summary>The Quartz scheduler (built on first use, started by <see cref="StartAsync"/>).</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IScheduler> GetSchedulerAsync(CancellationToken ct) => _scheduler ??= await _factory.GetScheduler(ct).ConfigureAwait(false);

    /// <inheritdoc/>
    public TimeSpan? ScheduledAhead => null;

    /// <inheritdoc/>
    public async Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return;
        }

        // A failure propagates to the durable core, which logs it: the rows stay the truth and start-up reschedules them.
        var scheduler = await PrepareAsync(cancellationToken).ConfigureAwait(false);

        // The timer this flow is firing has a one-shot trigger that Quartz is completing: unscheduling it would
        // only cost a locked store transaction per firing.
        var firing = FiringTimer.Value;
        var removed = changes.TimersRemoved.Where(id => !string.Equals(id, firing, StringComparison.Ordinal)).Select(id => new TriggerKey(id, TimerGroup)).ToList();
        if (removed.Count > 0)
        {
            await scheduler.UnscheduleJobs(removed, cancellationToken).ConfigureAwait(false);
        }

        if (changes.TimersScheduled.Count == 1)
        {
            await scheduler.ScheduleTrigger(TimerTrigger(changes.TimersScheduled[0].Id, changes.TimersScheduled[0].Due), TriggerConflict.Replace, cancellationToken).ConfigureAwait(false);
        }
        else if (changes.TimersScheduled.Count > 1)
        {
            await ScheduleTimersAsync(scheduler, changes.TimersScheduled.Select(t => (t.Id, t.Due)).ToList(), cancellationToken).ConfigureAwait(false);
        }

        foreach (var job in changes.JobsScheduled)
        {
            await ScheduleJobAttemptAsync(job, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PendingTimer>> WithoutFiringAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        if (timers.Count == 0)
        {
            return [];
        }

        var live = Store == SchedulerStore.PostgreSql
            ? await LiveTriggersAsync(TimerGroup, [.. timers.Select(t => t.Id)], cancellationToken).ConfigureAwait(false)
            : await LiveTriggersInMemoryAsync(TimerGroup, timers.Select(t => t.Id), cancellationToken).ConfigureAwait(false);
        return [.. timers.Where(t => !live.Contains(t.Id))];
    }

    /// <inheritdoc/>
    public async Task ScheduleTimersAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        if (timers.Count == 0)
        {
            return;
        }

        var scheduler = await PrepareAsync(cancellationToken).ConfigureAwait(false);
        await ScheduleTimersAsync(scheduler, [.. timers.Select(t => (t.Id, t.Due))], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task UnscheduleTimersAsync(IReadOnlyList<string> timerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timerIds);
        var scheduler = await PrepareAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.UnscheduleJobs([.. timerIds.Select(id => new TriggerKey(id, TimerGroup))], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the store something (PostgreSQL: a read of Quartz's tables through Quartz), so that <c>/health</c> reflects a
    /// store that cannot be reached; the memory store always answers.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    public async Task ProbeStoreAsync(CancellationToken ct)
    {
        var scheduler = await GetSchedulerAsync(ct).ConfigureAwait(false);
        await scheduler.GetTriggerState(new TriggerKey(RecoverJobsKey.Name, RecoverJobsKey.Group), ct).ConfigureAwait(false);
    }

    /// <summary>How long after a failed firing a timer is tried again.</summary>
    public static readonly TimeSpan TimerRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Moves a timer's trigger to <see cref="TimerRetryDelay"/> from now (after a failed firing).</summary>
    /// <param name="timerId">The timer id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task RetryTimerAsync(string timerId, CancellationToken ct)
    {
        var scheduler = await PrepareAsync(ct).ConfigureAwait(false);
        await scheduler.ScheduleTrigger(TimerTrigger(timerId, DateTimeOffset.UtcNow + TimerRetryDelay), TriggerConflict.Replace, ct).ConfigureAwait(false);
    }

    /// <summary>Schedules (or moves) the trigger of one job attempt.</summary>
    /// <param name="job">The job and when to try it.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task ScheduleJobAttemptAsync(PendingJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var scheduler = await PrepareAsync(ct).ConfigureAwait(false);
        await scheduler.ScheduleTrigger(JobTrigger(job.Id, job.Due), TriggerConflict.Replace, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Start-up: stores the durable jobs and the job-recovery trigger, schedules every pending timer and every job
    /// (at its due time, or when a dead node's lease expires) in batches, then starts the scheduler. Overdue timers
    /// fire at once, in due order (Quartz acquires by next fire time; the misfire threshold is wide so they are not
    /// re-timed to "now" as a group).
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    public async Task StartAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var scheduler = await PrepareAsync(ct).ConfigureAwait(false);
        var recovery = TriggerBuilder.Create()
            .WithIdentity(RecoverJobsKey.Name, RecoverJobsKey.Group)
            .ForJob(RecoverJobsKey)
            .StartAt(DateTimeOffset.UtcNow + _options.JobRecoveryInterval)
            .WithSimpleSchedule(s => s.WithInterval(_options.JobRecoveryInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleTrigger(recovery, TriggerConflict.Keep, ct).ConfigureAwait(false);

        var existingJobs = await ExistingTriggersAsync(JobGroup, ct).ConfigureAwait(false);
        List<(string Id, DateTimeOffset Due, DateTimeOffset? LeaseUntil)> jobs;
        var timersScheduled = 0;
        if (Store == SchedulerStore.PostgreSql)
        {
            timersScheduled = await InsertMissingTimerTriggersAsync(ct).ConfigureAwait(false);
        }

        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            if (Store != SchedulerStore.PostgreSql)
            {
                var timerRows = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending)
                    .Select(t => new { t.Id, t.DueAt }).ToListAsync(ct).ConfigureAwait(false);
                List<(string Id, DateTimeOffset Due)> timers = [.. timerRows.Select(t => (t.Id, Due: t.DueAt)).OrderBy(t => t.Due).ThenBy(t => t.Id, StringComparer.Ordinal)];
                await ScheduleTimersAsync(scheduler, timers, ct).ConfigureAwait(false);
                timersScheduled = timers.Count;
            }

            var jobRows = await db.Jobs.AsNoTracking().Select(j => new { j.Id, j.DueAt, j.LeaseUntil }).ToListAsync(ct).ConfigureAwait(false);
            jobs = [.. jobRows.Where(j => !existingJobs.Contains(j.Id)).Select(j => (j.Id, j.DueAt, j.LeaseUntil))];
        }

        foreach (var chunk in jobs.Chunk(Math.Max(1, _options.StartupBatchSize)))
        {
            var triggers = chunk.Select(j => JobTrigger(j.Id, j.LeaseUntil is { } until && until > j.Due ? until + LeaseGrace : j.Due)).ToList();
            await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [RunJobDetail()] = triggers }, ScheduleJobOptions.Replacing, ct).ConfigureAwait(false);
        }

        await scheduler.Start(ct).ConfigureAwait(false);
        _statistics.Startup = (timersScheduled, jobs.Count, clock.Elapsed);
        _statistics.Started = true;
        SchedulingLog.Started(_logger, _options.SchedulerName, Store, timersScheduled, jobs.Count, clock.ElapsedMilliseconds);
    }

    /// <inheritdoc/>
    public void Dispose() => _jobsStored.Dispose();

    /// <summary>How long a stopping node waits for the firings under way before it shuts the scheduler down.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Stops the scheduler: no new firings (standby), then up to <see cref="StopGrace"/> for the firings under way, then
    /// shut down. Not Quartz's own "wait for jobs": it cancels the jobs' token first, and on the clustered store a job
    /// that finishes after that cannot record its completion (every try is cancelled) and retries until the host's
    /// shutdown time-out; the container is then disposed under it. A firing still running when the grace ends rolls
    /// back (the rows are the truth) and is recovered by the next node or start.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    public async Task StopAsync(CancellationToken ct)
    {
        _statistics.Started = false;
        // The scheduler this node built (once shut down, Quartz's factory refuses to hand it out again).
        if (_scheduler is not { } scheduler)
        {
            return;
        }

        if (await scheduler.GetStatus(ct).ConfigureAwait(false) is SchedulerStatus.Shutdown or SchedulerStatus.ShuttingDown)
        {
            return;
        }

        try
        {
            await scheduler.Standby(ct).ConfigureAwait(false);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < StopGrace && !ct.IsCancellationRequested
                && (await scheduler.QueryFireInstances(new FireInstanceQuery { SchedulerInstanceId = scheduler.SchedulerInstanceId }, ct).ConfigureAwait(false)).Items.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SchedulerException or OperationCanceledException)
        {
            // Shut down meanwhile, or the host's stop time ran out: shut down without waiting.
            SchedulingLog.StopWithoutGrace(_logger, e.Message);
        }

        await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ScheduleTimersAsync(IScheduler scheduler, List<(string Id, DateTimeOffset Due)> timers, CancellationToken ct)
    {
        foreach (var chunk in timers.Chunk(Math.Max(1, _options.StartupBatchSize)))
        {
            var triggers = chunk.Select(t => TimerTrigger(t.Id, t.Due)).ToList();
            await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [FireTimerJobDetail()] = triggers }, ScheduleJobOptions.Replacing, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The scheduler, with the durable jobs stored (once).</summary>
    private async Task<IScheduler> PrepareAsync(CancellationToken ct)
    {
        var scheduler = await GetSchedulerAsync(ct).ConfigureAwait(false);
        if (_jobsReady)
        {
            return scheduler;
        }

        await _jobsStored.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_jobsReady)
            {
                var replace = new AddJobOptions { Replace = true };
                await scheduler.AddJob(FireTimerJobDetail(), replace, ct).ConfigureAwait(false);
                await scheduler.AddJob(RunJobDetail(), replace, ct).ConfigureAwait(false);
                await scheduler.AddJob(JobBuilder.Create<RecoverJobsJob>().WithIdentity(RecoverJobsKey).StoreDurably().Build(), replace, ct).ConfigureAwait(false);
                _jobsReady = true;
            }
        }
        finally
        {
            _jobsStored.Release();
        }

        return scheduler;
    }

    private static IJobDetail FireTimerJobDetail() =>
        JobBuilder.Create<FireTimerJob>().WithIdentity(FireTimerJobKey).StoreDurably().RequestRecovery().Build();

    private static IJobDetail RunJobDetail() =>
        JobBuilder.Create<RunWorkflowJob>().WithIdentity(RunJobKey).StoreDurably().RequestRecovery().Build();

    private static ITrigger TimerTrigger(string timerId, DateTimeOffset due) =>
        TriggerBuilder.Create()
            .WithIdentity(timerId, TimerGroup)
            .ForJob(FireTimerJobKey)
            .StartAt(due)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    private static ITrigger JobTrigger(string jobId, DateTimeOffset due) =>
        TriggerBuilder.Create()
            .WithIdentity(jobId, JobGroup)
            .ForJob(RunJobKey)
            .StartAt(due)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    /// <summary>
    /// PostgreSQL start-up: writes a trigger for every pending timer row that has none, in one set-based statement
    /// (a first start over 100,000 pending timers, or a store that lost its triggers). Through Quartz's API each trigger
    /// costs several statements and an existence check (minutes for 100,000); here the rows are exactly those Quartz writes
    /// for <see cref="TimerTrigger"/> — a one-shot SIMPLE trigger, WAITING, fire time = start time = the due instant in
    /// UTC ticks, default priority, misfire "fire now" — which a test compares with one Quartz wrote itself. The
    /// statement holds Quartz's own cluster lock (<c>TRIGGER_ACCESS</c>, as its row-lock semaphore takes it), so it is
    /// serialised with Quartz's own trigger writes and acquisitions on every node. Nested loops are off for
    /// the statement: right after a first start the table statistics still say "empty", and a nested-loop anti-join
    /// over 100,000 stored triggers took minutes where the hash join takes a fraction of a second. A pending timer's trigger that Quartz
    /// put in its ERROR state (its job could not be made, e.g. on a node shutting down) is set WAITING again, or that
    /// timer would never fire.
    /// </summary>
    /// <returns>How many triggers were written.</returns>
    private async Task<int> InsertMissingTimerTriggersAsync(CancellationToken ct)
    {
        const string prefix = QuartzTables.TablePrefix;
        var lockSql = $"""
            INSERT INTO {prefix}locks (sched_name, lock_name) VALUES (@sched, 'TRIGGER_ACCESS') ON CONFLICT DO NOTHING;
            SELECT lock_name FROM {prefix}locks WHERE sched_name = @sched AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE;
            SET LOCAL enable_nestloop = off;
            UPDATE {prefix}triggers q SET trigger_state = 'WAITING'
            WHERE q.sched_name = @sched AND q.trigger_group = @group AND q.trigger_state = 'ERROR'
              AND EXISTS (SELECT 1 FROM timers t WHERE t.id = q.trigger_name AND t.status = @pending);
            """;
        var insertSql = $"""
            WITH due AS (
                SELECT t.id, (EXTRACT(EPOCH FROM t.due_at) * 10000000)::bigint + @epochTicks AS ticks
                FROM timers t
                WHERE t.status = @pending
                  AND NOT EXISTS (SELECT 1 FROM {prefix}triggers q WHERE q.sched_name = @sched AND q.trigger_group = @group AND q.trigger_name = t.id)),
            written AS (
                INSERT INTO {prefix}triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, priority,
                    trigger_state, trigger_type, start_time, misfire_instr, retry_attempt, preferred_node_auto)
                SELECT @sched, id, @group, @jobName, @jobGroup, ticks, @priority, 'WAITING', 'SIMPLE', ticks, @misfire, 0, false FROM due
                RETURNING trigger_name),
            simple AS (
                INSERT INTO {prefix}simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered)
                SELECT @sched, trigger_name, @group, 0, 0, 0 FROM written
                RETURNING 1)
            SELECT count(*) FROM simple;
            """;
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var locking = new NpgsqlCommand(lockSql, connection, tx);
                await using (locking.ConfigureAwait(false))
                {
                    locking.Parameters.AddWithValue("sched", _options.SchedulerName);
                    locking.Parameters.AddWithValue("group", TimerGroup);
                    locking.Parameters.AddWithValue("pending", TimerStatuses.Pending);
                    await locking.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                var insert = new NpgsqlCommand(insertSql, connection, tx) { CommandTimeout = 600 };
                await using (insert.ConfigureAwait(false))
                {
                    insert.Parameters.AddWithValue("sched", _options.SchedulerName);
                    insert.Parameters.AddWithValue("group", TimerGroup);
                    insert.Parameters.AddWithValue("jobName", FireTimerJobKey.Name);
                    insert.Parameters.AddWithValue("jobGroup", FireTimerJobKey.Group);
                    insert.Parameters.AddWithValue("pending", TimerStatuses.Pending);
                    insert.Parameters.AddWithValue("epochTicks", DateTimeOffset.UnixEpoch.UtcTicks);
                    insert.Parameters.AddWithValue("priority", TriggerConstants.DefaultPriority);
                    insert.Parameters.AddWithValue("misfire", (short)SimpleTriggerMisfireInstruction.FireNow);
                    var written = (long)(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                    return (int)written;
                }
            }
        }
    }

    /// <summary>Which of <paramref name="names"/> have a trigger in Quartz's tables that can still fire (not in its ERROR state).</summary>
    private async Task<HashSet<string>> LiveTriggersAsync(string group, string[] names, CancellationToken ct)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var command = new NpgsqlCommand(
                $"SELECT trigger_name FROM {QuartzTables.TablePrefix}triggers WHERE sched_name = @s AND trigger_group = @g AND trigger_name = ANY(@names) AND trigger_state <> 'ERROR'",
                connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("s", _options.SchedulerName);
                command.Parameters.AddWithValue("g", group);
                command.Parameters.AddWithValue("names", names);
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        live.Add(reader.GetString(0));
                    }
                }
            }
        }

        return live;
    }

    /// <summary>Which of <paramref name="names"/> have a trigger in the memory store that can still fire.</summary>
    private async Task<HashSet<string>> LiveTriggersInMemoryAsync(string group, IEnumerable<string> names, CancellationToken ct)
    {
        var scheduler = await PrepareAsync(ct).ConfigureAwait(false);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (await scheduler.GetTriggerState(new TriggerKey(name, group), ct).ConfigureAwait(false) is not (TriggerState.None or TriggerState.Error))
            {
                live.Add(name);
            }
        }

        return live;
    }

    /// <summary>The trigger names of a group already in Quartz's tables (PostgreSQL; the memory store starts empty).</summary>
    private async Task<HashSet<string>> ExistingTriggersAsync(string group, CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (Store != SchedulerStore.PostgreSql)
        {
            return names;
        }

        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var command = new NpgsqlCommand($"SELECT trigger_name FROM {QuartzTables.TablePrefix}triggers WHERE sched_name = @s AND trigger_group = @g", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("s", _options.SchedulerName);
                command.Parameters.AddWithValue("g", group);
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        names.Add(reader.GetString(0));
                    }
                }
            }
        }

        return names;
    }
}
