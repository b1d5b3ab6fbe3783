using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Scheduling;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// The reconciliation sweep, written against the scheduler abstraction (<see cref="IWorkflowScheduler"/>) only: a
/// pending timer whose firing was lost is found, scheduled, counted and fires once; a sound schedule repairs nothing;
/// several nodes sweeping at once repair a lost firing once. The scheduler underneath is whatever the service runs.
/// </summary>
public abstract class ReconciliationSweepTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    /// <summary>The node settings: a sweep every <paramref name="sweep"/>.</summary>
    protected static Dictionary<string, string?> Settings(string sweep = "00:00:01") => new()
    {
        ["Scheduling:SweepInterval"] = sweep,
    };

    private TestDatabase? _database;

    /// <summary>The database of the provider under test.</summary>
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The database.</summary>
    protected TestDatabase Database => _database!;

    [Fact]
    public async Task A_pending_timer_whose_firing_was_lost_is_scheduled_by_the_sweep_counted_and_fires_once()
    {
        // A sweep every 10 s: a timer due 10 s ahead gets its firing at its commit whatever the scheduler.
        await using var node = SchedulerNode.Create(Database, Settings("00:00:10"));
        using var repairs = new RepairCounter(node);
        await node.StartAsync();
        // Due late enough that its own trigger cannot fire before the test takes the firing away (on a loaded machine).
        var due = DateTimeOffset.UtcNow.AddSeconds(10);
        var instance = await node.StartDeadlineAsync(due);
        var timer = await node.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == instance)
            .Select(t => new PendingTimer(t.Id, t.InstanceId, t.ElementId, t.DueAt)).SingleAsync());

        // A sound schedule: nothing to repair.
        var scheduler = node.Services.GetRequiredService<IWorkflowScheduler>();
        Assert.Empty(await scheduler.WithoutFiringAsync([timer], default));

        // The firing is lost (as when the scheduler's store went away after the commit): the abstraction says so.
        await scheduler.UnscheduleTimersAsync([timer.Id], default);
        Assert.Equal([timer.Id], (await scheduler.WithoutFiringAsync([timer], default)).Select(t => t.Id));
        Assert.Equal(1, await node.WithDbAsync(SchedulingQueries.PendingTimersAsync));

        // The periodic sweep finds it once it has settled, schedules it, and it fires once, not before its due time.
        await Eventually.HoldsAsync(
            () => node.WithDbAsync(db => db.Timers.AnyAsync(t => t.Id == timer.Id && t.Status == TimerStatuses.Fired)),
            Timeout, "the sweep schedules the lost timer and it fires");
        var fired = await node.WithDbAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.Id == timer.Id));
        Assert.True(fired.FiredAt >= fired.DueAt, $"fired at {fired.FiredAt:O}, due {fired.DueAt:O}"); // the row's due time: the start variable carries whole milliseconds
        Assert.Equal(1, node.Statistics.Repairs);
        Assert.Equal(1, repairs.Timers);
        Assert.Equal(1, await node.WithDbAsync(db => db.Tasks.CountAsync(t => t.InstanceId == instance && t.ElementId == "Task_Escalate")));

        // A round over a sound schedule repairs nothing more.
        Assert.Equal(0, await node.Services.GetRequiredService<ScheduleReconciliation>().SweepAsync(default));
        Assert.Equal(1, node.Statistics.Repairs);
        Assert.True(node.Statistics.Sweeps >= 1);
    }

    [Fact]
    public async Task An_overdue_timer_without_a_firing_fires_at_once_on_the_next_sweep_and_a_future_one_not_before_its_time()
    {
        // Rounds run here only when the test says so (the periodic one waits ten minutes).
        await using var node = SchedulerNode.Create(Database, Settings("00:10:00"));
        await node.StartAsync();
        var sweep = node.Services.GetRequiredService<ScheduleReconciliation>();

        // Two timers whose firings were lost a while ago (settled: older than the sweep's settle time); one of them is
        // overdue by now.
        var now = DateTimeOffset.UtcNow;
        var overdue = await node.StartDeadlineAsync(now.AddHours(1));
        var future = await node.StartDeadlineAsync(now.AddHours(1));
        var scheduler = node.Services.GetRequiredService<IWorkflowScheduler>();
        var overdueId = await node.WithDbAsync(db => db.Timers.Where(t => t.InstanceId == overdue).Select(t => t.Id).SingleAsync());
        var futureId = await node.WithDbAsync(db => db.Timers.Where(t => t.InstanceId == future).Select(t => t.Id).SingleAsync());
        await scheduler.UnscheduleTimersAsync([overdueId, futureId], default);
        var settled = now - ScheduleReconciliation.Settle - TimeSpan.FromSeconds(1);
        await node.WithDbAsync(db => db.Timers.Where(t => t.Id == overdueId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, now.AddMinutes(-1)).SetProperty(t => t.CreatedAt, settled)));
        await node.WithDbAsync(db => db.Timers.Where(t => t.Id == futureId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, DateTimeOffset.UtcNow.AddSeconds(3)).SetProperty(t => t.CreatedAt, settled)));

        Assert.Equal(2, await sweep.SweepAsync(default));
        await Eventually.HoldsAsync(() => node.WithDbAsync(db => db.Timers.AnyAsync(t => t.Id == overdueId && t.Status == TimerStatuses.Fired)), Timeout, "the overdue timer fires at once");
        await Eventually.HoldsAsync(() => node.WithDbAsync(db => db.Timers.AnyAsync(t => t.Id == futureId && t.Status == TimerStatuses.Fired)), Timeout, "the future timer fires at its time");
        var rows = await node.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.Id == overdueId || t.Id == futureId).ToListAsync());
        Assert.All(rows, t => Assert.True(t.FiredAt >= t.DueAt, $"timer {t.Id} fired at {t.FiredAt:O}, before {t.DueAt:O}"));
        Assert.Equal(2, await node.WithDbAsync(db => db.Tasks.CountAsync(t => (t.InstanceId == future || t.InstanceId == overdue) && t.ElementId == "Task_Escalate")));
        Assert.Equal(2, node.Statistics.TimersFired);
    }

    [Fact]
    public async Task A_timer_overdue_past_the_stuck_time_whose_firing_waits_elsewhere_is_fired_by_the_sweep_once()
    {
        // Rounds run here only when the test says so; the stuck time is one period (ten minutes).
        await using var node = SchedulerNode.Create(Database, Settings("00:10:00"));
        await node.StartAsync();
        var sweep = node.Services.GetRequiredService<ScheduleReconciliation>();
        var scheduler = node.Services.GetRequiredService<IWorkflowScheduler>();

        // The timer has a firing, but one that waits for something else (as a job a killed node had fetched waits for
        // its take-over, or a lock a killed node held): the scheduler was told it is due in an hour.
        var instance = await node.StartDeadlineAsync(DateTimeOffset.UtcNow.AddHours(1));
        var timer = await node.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == instance)
            .Select(t => new PendingTimer(t.Id, t.InstanceId, t.ElementId, t.DueAt)).SingleAsync());
        await scheduler.ScheduleTimersAsync([timer], default);
        Assert.Empty(await scheduler.WithoutFiringAsync([timer], default));

        // The row, the truth, says it fell due longer ago than the stuck time.
        var due = DateTimeOffset.UtcNow - sweep.StuckAfter - TimeSpan.FromMinutes(1);
        await node.WithDbAsync(db => db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.DueAt, due).SetProperty(t => t.CreatedAt, due - TimeSpan.FromMinutes(1))));

        Assert.Equal(1, await sweep.SweepAsync(default));
        await Eventually.HoldsAsync(() => node.WithDbAsync(db => db.Timers.AnyAsync(t => t.Id == timer.Id && t.Status == TimerStatuses.Fired)), Timeout, "the sweep fires the stuck timer");
        Assert.Equal(1, await node.WithDbAsync(db => db.Tasks.CountAsync(t => t.InstanceId == instance && t.ElementId == "Task_Escalate")));
        Assert.Equal(1, node.Statistics.Repairs);

        // Fired: the next round has nothing to do, and the firing that waited finds the timer fired.
        Assert.Equal(0, await sweep.SweepAsync(default));
    }

    /// <summary>Two nodes on one database sweep at once: the lost firing is repaired once and the timer fires once.</summary>
    protected async Task TwoNodesRepairOnceAsync()
    {
        var settings = Settings("00:10:00");
        await using var a = SchedulerNode.Create(Database, settings);
        await using var b = SchedulerNode.Create(Database, settings);
        await a.StartAsync();
        await b.StartAsync();
        var instance = await a.StartDeadlineAsync(DateTimeOffset.UtcNow.AddHours(1));
        var id = await a.WithDbAsync(db => db.Timers.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync());
        await a.Services.GetRequiredService<IWorkflowScheduler>().UnscheduleTimersAsync([id], default);
        await a.WithDbAsync(db => db.Timers.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, DateTimeOffset.UtcNow.AddSeconds(1)).SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        var rounds = await Task.WhenAll(
            a.Services.GetRequiredService<ScheduleReconciliation>().SweepAsync(default),
            b.Services.GetRequiredService<ScheduleReconciliation>().SweepAsync(default));
        Assert.Equal(1, rounds.Sum());
        await Eventually.HoldsAsync(() => a.WithDbAsync(db => db.Timers.AnyAsync(t => t.Id == id && t.Status == TimerStatuses.Fired)), TimeSpan.FromSeconds(45), "the repaired timer fires");
        Assert.Equal(1, await a.WithDbAsync(db => db.Tasks.CountAsync(t => t.InstanceId == instance && t.ElementId == "Task_Escalate")));
        Assert.Equal(1, a.Statistics.TimersFired + b.Statistics.TimersFired);
    }

    /// <summary>Counts <c>orchestrator.schedule.repairs</c> of one node by kind.</summary>
    private sealed class RepairCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _timers;

        public RepairCounter(SchedulerNode node)
        {
            var meter = node.Services.GetRequiredService<OrchestratorMetrics>().Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "orchestrator.schedule.repairs")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "kind" && Equals(tag.Value, ScheduleReconciliation.TimerKind))
                    {
                        Interlocked.Add(ref _timers, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Timers => Interlocked.Read(ref _timers);

        public void Dispose() => _listener.Dispose();
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteReconciliationSweepTests : ReconciliationSweepTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

/// <summary>On PostgreSQL, where several nodes share the schedule.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresReconciliationSweepTests(PostgresServer server) : ReconciliationSweepTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync(server, nameof(PostgresReconciliationSweepTests));

    [Fact]
    public Task Two_nodes_sweeping_at_once_repair_a_lost_firing_once_and_it_fires_once() => TwoNodesRepairOnceAsync();
}
