using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Scheduling;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// Hangfire on SQLite (one node), real time: a timer row fires once after its commit, at its due time, in-process, and
/// moves the instance on, its Hangfire job (the backstop) deleted unrun; a timer whose in-process firing is lost is
/// fired by its backstop; firing twice acts once; at restart pending (also overdue) timers fire in due order; a failed
/// service task is retried by its job after the back-off.
/// </summary>
public sealed class SqliteSchedulingTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_timer_scheduled_after_commit_fires_once_moves_the_instance_on_and_records_lateness()
    {
        await using var node = SchedulerNode.Create(_database);
        await node.StartAsync();
        Assert.True(node.Statistics.Started);

        var due = DateTimeOffset.UtcNow.AddSeconds(1.5);
        var instance = await node.StartDeadlineAsync(due);
        Assert.Equal(0, await node.WithDbAsync(db => db.Tasks.CountAsync(t => t.InstanceId == instance && t.ElementId == "Task_Escalate")));
        var timerId = await node.WithDbAsync(db => db.Timers.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync());
        Assert.True(node.Services.GetRequiredService<ImminentTimers>().IsArmed(timerId), "the commit armed the timer in-process");
        var backstop = Assert.Single(node.TimerJobs()[timerId]);

        await Eventually.HoldsAsync(
            () => node.WithDbAsync(db => db.Tasks.AnyAsync(t => t.InstanceId == instance && t.ElementId == "Task_Escalate" && t.Status == TaskStatuses.Open)),
            Timeout, "the boundary timer fires and the escalation task opens");

        var timer = await node.WithDbAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == instance));
        Assert.Equal(TimerStatuses.Fired, timer.Status);
        Assert.True(timer.FiredAt >= timer.DueAt, $"fired at {timer.FiredAt:O}, due {timer.DueAt:O}: not before its due time"); // the row's: the start variable carries whole milliseconds
        var view = await node.WithServiceAsync(s => s.GetInstanceAsync(instance, Actors.Coordinator, default));
        Assert.Equal(["Task_Escalate"], view.Active);
        Assert.Equal(0, await node.WithDbAsync(db => SchedulingQueries.OpenTasksAsync(db, "Task_Wait")));

        Assert.Equal(1, node.Statistics.TimersFired);
        var lateness = Assert.Single(node.LatenessMetric());
        Assert.InRange(lateness, 0, 5);
        Assert.InRange(Assert.Single(node.Statistics.Lateness()).TotalSeconds, 0, 5);

        // Its Hangfire job falls due BackstopDelay later and is deleted without running: the timer had fired.
        using var hangfire = node.Scheduler.Storage.GetConnection();
        await Eventually.HoldsAsync(() => Task.FromResult(hangfire.GetStateData(backstop)?.Name == "Deleted"), Timeout, "the backstop job is deleted as it falls due");
        Assert.Equal(0, node.Statistics.TimerNoops);
        Assert.Empty(node.TimerJobs());
    }

    [Fact]
    public async Task A_timer_whose_in_process_firing_is_lost_is_fired_by_its_Hangfire_job_once_after_the_backstop_delay()
    {
        await using var node = SchedulerNode.Create(_database);
        await node.StartAsync();
        var due = DateTimeOffset.UtcNow.AddSeconds(5);
        var instance = await node.StartDeadlineAsync(due);
        var timerId = await node.WithDbAsync(db => db.Timers.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync());

        // As when the node that armed it stopped or died: nothing fires it in-process.
        node.Services.GetRequiredService<ImminentTimers>().Disarm(timerId);
        Assert.True(DateTimeOffset.UtcNow < due, "the timer was due before it could be disarmed");

        await Eventually.HoldsAsync(() => node.WithDbAsync(db => db.Timers.AnyAsync(t => t.Id == timerId && t.Status == TimerStatuses.Fired)), Timeout, "the backstop fires the timer");
        var timer = await node.WithDbAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId));

        // Hangfire keeps whole seconds: its job may start up to a second before the backstop's time, never before the due time.
        Assert.True(timer.FiredAt >= due + HangfireWorkflowScheduler.BackstopDelay - TimeSpan.FromSeconds(1), $"fired at {timer.FiredAt:O}: before its backstop's time ({due + HangfireWorkflowScheduler.BackstopDelay:O})");
        Assert.Equal(1, await node.WithDbAsync(db => db.Tasks.CountAsync(t => t.InstanceId == instance && t.ElementId == "Task_Escalate")));
        await Eventually.HoldsAsync(() => Task.FromResult(node.Statistics.TimersFired == 1), Timeout, "the job counts its firing");
        Assert.Equal(0, node.Statistics.TimerNoops);
    }

    [Fact]
    public async Task An_overdue_timer_this_node_holds_for_firing_is_not_taken_over_as_stuck()
    {
        // Rounds run when the test says so; the stuck time is one period (ten minutes).
        await using var node = SchedulerNode.Create(_database, new Dictionary<string, string?> { ["Scheduling:SweepInterval"] = "00:10:00" });
        await node.StartAsync();
        var sweep = node.Services.GetRequiredService<ScheduleReconciliation>();
        var imminent = node.Services.GetRequiredService<ImminentTimers>();

        // A backlog after downtime: the timer is long overdue, armed here with its job written, waiting for its turn
        // (the in-process firing is stopped, so its turn does not come during the test).
        var instance = await node.StartDeadlineAsync(DateTimeOffset.UtcNow.AddHours(1));
        var timer = await node.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == instance)
            .Select(t => new Orchestrator.Workflows.PendingTimer(t.Id, t.InstanceId, t.ElementId, t.DueAt)).SingleAsync());
        await node.Scheduler.ScheduleTimersAsync([timer], default);
        await imminent.StopAsync(default);
        var due = DateTimeOffset.UtcNow - sweep.StuckAfter - TimeSpan.FromMinutes(1);
        await node.WithDbAsync(db => db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.DueAt, due).SetProperty(t => t.CreatedAt, due - TimeSpan.FromMinutes(1))));
        imminent.Arm(timer.Id, due);
        Assert.True(node.Scheduler.HoldsFiring(timer with { Due = due }));

        // Held here: not stuck, nothing repaired, no second job.
        var jobs = node.TimerJobs()[timer.Id].Count;
        Assert.Equal(0, await sweep.SweepAsync(default));
        Assert.Equal(0, node.Statistics.Repairs);
        Assert.Equal(jobs, node.TimerJobs()[timer.Id].Count);

        // Armed for a later time than the row's due time, the firing is not held: it is taken over.
        imminent.Arm(timer.Id, DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(1, await sweep.SweepAsync(default));
        Assert.Equal(1, node.Statistics.Repairs);
    }

    [Fact]
    public async Task Firing_the_same_timer_twice_manually_then_by_its_job_acts_once()
    {
        await using var node = SchedulerNode.Create(_database);
        await node.StartAsync();
        var instance = await node.StartDeadlineAsync(DateTimeOffset.UtcNow.AddSeconds(30));
        var timerId = await node.WithDbAsync(db => db.Timers.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync());

        Assert.True(await node.WithServiceAsync(s => s.FireTimerAsync(timerId, default)));
        Assert.False(await node.WithServiceAsync(s => s.FireTimerAsync(timerId, default)));
        Assert.False(node.Services.GetRequiredService<ImminentTimers>().IsArmed(timerId), "the firing's commit disarmed it");

        // A Hangfire firing runs anyway (enqueued at once, as a duplicate after a crash would be): it is a no-op.
        node.Scheduler.Client.Enqueue<HangfireWorkflowJobs>(j => j.FireTimerAsync(timerId, DateTimeOffset.UtcNow.UtcTicks, CancellationToken.None));
        await Eventually.HoldsAsync(() => Task.FromResult(node.Statistics.TimerNoops == 1), Timeout, "the duplicate firing runs");

        Assert.Equal(0, node.Statistics.TimersFired);
        Assert.Equal(1, await node.WithDbAsync(db => db.Tasks.CountAsync(t => t.InstanceId == instance && t.ElementId == "Task_Escalate")));
        var history = await node.WithServiceAsync(s => s.GetHistoryAsync(instance, Actors.Coordinator, default));
        var escalation = history.Where(h => h.ElementId is "Task_Escalate" or "Timer_Deadline").ToList();
        Assert.NotEmpty(escalation);
        Assert.All(escalation.GroupBy(h => (h.ElementId, h.Type)), g => Assert.Single(g));
    }

    [Fact]
    public async Task At_restart_pending_and_overdue_timers_are_rescheduled_and_fire_in_due_order()
    {
        var now = DateTimeOffset.UtcNow;
        var dues = new[] { now.AddSeconds(1.0), now.AddSeconds(1.3), now.AddSeconds(1.6), now.AddSeconds(1.9) };
        var instances = new List<string>();

        // The service runs without a scheduler (as if it were down when they fell due): nothing fires.
        await using (var down = SchedulerNode.Create(_database, new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" }))
        {
            await down.StartAsync();
            foreach (var due in dues.Reverse())
            {
                instances.Add(await down.StartDeadlineAsync(due));
            }

            instances.Reverse();
            var future = await down.StartDeadlineAsync(now.AddSeconds(6));
            instances.Add(future);
        }

        await Eventually.HoldsAsync(() => Task.FromResult(DateTimeOffset.UtcNow > dues[^1].AddSeconds(0.5)), Timeout, "the first four timers are overdue");
        await using var node = SchedulerNode.Create(_database, new Dictionary<string, string?> { ["Scheduling:ThreadCount"] = "1" });
        Assert.Equal(5, await node.WithDbAsync(SchedulingQueries.PendingTimersAsync));
        await node.StartAsync();
        Assert.Equal(5, node.Statistics.Startup.Timers);

        await Eventually.HoldsAsync(async () => await node.WithDbAsync(db => db.Timers.CountAsync(t => t.Status == TimerStatuses.Fired)) >= 4, Timeout, "the overdue timers fire at once");
        await Eventually.HoldsAsync(async () => await node.WithDbAsync(SchedulingQueries.PendingTimersAsync) == 0, Timeout, "the future timer fires at its time");

        var rows = await node.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId != null).ToListAsync());
        var byFiring = rows.OrderBy(t => t.FiredAt).Select(t => t.InstanceId!).ToList();
        Assert.Equal(instances, byFiring);
        Assert.True(rows.Single(t => t.InstanceId == instances[^1]).FiredAt >= now.AddSeconds(6), "the future timer did not fire early");
        await Eventually.HoldsAsync(() => Task.FromResult(node.Statistics.TimersFired == 5), Timeout, "the node counts its firings");
        Assert.Equal(5, await node.WithDbAsync(db => SchedulingQueries.OpenTasksAsync(db, "Task_Escalate")));
    }

    [Fact]
    public async Task A_failed_service_task_is_retried_by_its_job_after_the_back_off()
    {
        await using var node = SchedulerNode.Create(_database);
        var calls = 0;
        node.Services.GetRequiredService<Orchestrator.Engine.Runtime.JobHandlerRegistry>().Register("register", _ =>
            Interlocked.Increment(ref calls) == 1
                ? Orchestrator.Engine.Runtime.JobOutcome.Fail("national registry unavailable", TimeSpan.FromSeconds(1.5))
                : Orchestrator.Engine.Runtime.JobOutcome.Complete());
        await node.StartAsync();

        // The first attempt runs right after the commit and fails; the retry is a Hangfire job at the back-off's end.
        var failedAt = DateTimeOffset.UtcNow;
        var instance = await node.WithServiceAsync(s => s.StartAsync("Registration", null, null, Actors.SocialWorker, default));
        Assert.Equal(1, calls);
        await Eventually.HoldsAsync(
            () => node.WithDbAsync(db => db.Tasks.AnyAsync(t => t.InstanceId == instance && t.ElementId == "Task_Confirm")),
            Timeout, "the retry runs after the back-off and the instance moves on");
        Assert.True(DateTimeOffset.UtcNow - failedAt >= TimeSpan.FromSeconds(1.4), "the retry waited for the back-off");
        Assert.Equal(2, calls);

        // The job counts its run once RunJobAsync has returned, a moment after the step it ran committed.
        await Eventually.HoldsAsync(() => Task.FromResult(node.Statistics.JobsRun >= 1), Timeout, "the job counts its run");
        Assert.Equal(1, node.Statistics.JobsRun);
        Assert.Empty(await node.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.InstanceId == instance).ToListAsync()));
    }

    /// <summary>Writes pending timer-start rows straight into the table (fast, one transaction).</summary>
    internal static async Task InsertPendingTimersAsync(TestDatabase database, int count, DateTimeOffset due)
    {
        await using var db = database.CreateContext();
        await PendingTimerSeeder.InsertAsync(db, count, due);
    }
}

/// <summary>Start-up with 100,000 pending timers (SQLite); runs alone (see <see cref="SchedulingTimingGroup"/>).</summary>
[Collection(SchedulingTimingGroup.Name)]
public sealed class SqliteStartupSchedulingTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Start_up_over_100000_pending_timers_schedules_only_those_due_within_the_window()
    {
        const int count = 100_000;
        await _database.MigrateAsync();
        await SqliteSchedulingTests.InsertPendingTimersAsync(_database, count, DateTimeOffset.UtcNow.AddDays(30));
        await using (var db = _database.CreateContext())
        {
            foreach (var i in Enumerable.Range(0, 3))
            {
                db.Timers.Add(new TimerRecord { Id = $"soon-{i}", ProcessId = "Bulk", ProcessVersion = 1, ElementId = "Start_Bulk", DueAt = DateTimeOffset.UtcNow.AddSeconds(40 + i), Status = TimerStatuses.Pending, CreatedAt = DateTimeOffset.UtcNow.AddDays(-1) });
            }

            await db.SaveChangesAsync();
        }

        await using var node = SchedulerNode.Create(_database);
        var clock = Stopwatch.StartNew();
        await node.StartAsync();
        clock.Stop();

        // The three due within the window get their job and are armed; the far ones are left to the sweep, and being
        // brought into the window is not a repair.
        Assert.Equal(["soon-0", "soon-1", "soon-2"], node.TimerJobs().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, node.Services.GetRequiredService<ImminentTimers>().Count);
        Assert.Equal(0, node.Statistics.Startup.Timers);
        Assert.Equal(3, node.Statistics.BroughtIntoWindowCount);
        Console.WriteLine($"[scheduling] start-up with {count:N0} pending timers: scheduler start-up {node.Statistics.Startup.Elapsed.TotalSeconds:0.00} s (host start {clock.Elapsed.TotalSeconds:0.00} s)");
    }
}
