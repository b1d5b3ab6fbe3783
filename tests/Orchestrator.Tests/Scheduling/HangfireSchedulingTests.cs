using Microsoft.EntityFrameworkCore;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// A deadline must never fire before its due time. Timers due 125 ms apart on SQLite, real time, both ways a timer is
/// fired: in-process at its due time (armed after its commit), and by its Hangfire job alone (as on PostgreSQL for the
/// timers the sweep brings in) — Hangfire keeps due times in whole seconds and moves a job to its queue as its second
/// starts, so the job may start up to a second early and must wait. Every one fires once, none before its due time.
/// </summary>
public sealed class HangfireSchedulingTests : IAsyncLifetime
{
    private const int Count = 16;
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Timers_due_a_fraction_of_a_second_apart_never_fire_before_their_due_time()
    {
        await using var node = SchedulerNode.Create(_database);
        await node.StartAsync();
        var start = DateTimeOffset.UtcNow.AddSeconds(4);
        var instances = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            instances.Add(await node.StartDeadlineAsync(start.AddMilliseconds(125 * i)));
        }

        await AssertEachFiredOnceNeverEarlyAsync(node, instances);
    }

    [Fact]
    public async Task Timers_fired_by_their_Hangfire_job_alone_never_fire_before_their_due_time()
    {
        await using var node = SchedulerNode.Create(_database);
        await node.StartAsync();
        var start = DateTimeOffset.UtcNow.AddSeconds(6);
        var instances = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            instances.Add(await node.StartDeadlineAsync(start.AddMilliseconds(125 * i)));
        }

        // Each timer loses its in-process firing and backstop, and gets a Hangfire job at its due time instead.
        var timers = await node.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId != null && instances.Contains(t.InstanceId)).ToListAsync());
        await node.Scheduler.UnscheduleTimersAsync([.. timers.Select(t => t.Id)], default);
        Assert.Empty(node.TimerJobs());
        Assert.True(DateTimeOffset.UtcNow < start, "the timers were due before their jobs were written");
        foreach (var timer in timers)
        {
            node.Scheduler.ScheduleFiring(timer.Id, timer.DueAt, timer.DueAt);
        }

        await AssertEachFiredOnceNeverEarlyAsync(node, instances);
    }

    private static async Task AssertEachFiredOnceNeverEarlyAsync(SchedulerNode node, List<string> instances)
    {
        await Eventually.HoldsAsync(async () => await node.WithDbAsync(SchedulingQueries.PendingTimersAsync) == 0, TimeSpan.FromSeconds(60), "every timer fires");
        var timers = await node.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId != null && instances.Contains(t.InstanceId)).ToListAsync());
        Assert.Equal(Count, timers.Count);
        Assert.All(timers, t => Assert.True(t.FiredAt >= t.DueAt, $"timer {t.Id} due {t.DueAt:O} fired early, at {t.FiredAt:O}"));
        Assert.Equal(Count, await node.WithDbAsync(db => SchedulingQueries.OpenTasksAsync(db, "Task_Escalate")));
        await Eventually.HoldsAsync(() => Task.FromResult(node.Statistics.TimersFired == Count), TimeSpan.FromSeconds(10), "the node counted its firings");
        Assert.All(node.Statistics.Lateness(), l => Assert.True(l >= TimeSpan.Zero, $"lateness {l}"));
    }
}
