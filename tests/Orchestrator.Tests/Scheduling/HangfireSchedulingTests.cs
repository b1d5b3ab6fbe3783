using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// Hangfire keeps due times in whole seconds and moves a job to its queue as its second starts, so a job may run up to a
/// second early: a deadline must never fire before its due time. Timers due 125 ms apart through Hangfire on SQLite,
/// real time: every one fires once, none before its due time.
/// </summary>
public sealed class HangfireSchedulingTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Timers_due_a_fraction_of_a_second_apart_never_fire_before_their_due_time()
    {
        await using var node = SchedulerNode.Create(_database, new Dictionary<string, string?> { ["Scheduling:Scheduler"] = "Hangfire" });
        await node.StartAsync();
        const int count = 16;
        var start = DateTimeOffset.UtcNow.AddSeconds(4);
        var instances = new List<string>();
        for (var i = 0; i < count; i++)
        {
            instances.Add(await node.StartDeadlineAsync(start.AddMilliseconds(125 * i)));
        }

        await Eventually.HoldsAsync(async () => await node.WithDbAsync(SchedulingQueries.PendingTimersAsync) == 0, TimeSpan.FromSeconds(60), "every timer fires");
        var timers = await node.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId != null && instances.Contains(t.InstanceId)).ToListAsync());
        Assert.Equal(count, timers.Count);
        Assert.All(timers, t => Assert.True(t.FiredAt >= t.DueAt, $"timer {t.Id} due {t.DueAt:O} fired early, at {t.FiredAt:O}"));
        Assert.Equal(count, await node.WithDbAsync(db => SchedulingQueries.OpenTasksAsync(db, "Task_Escalate")));
        await Eventually.HoldsAsync(() => Task.FromResult(node.Statistics.TimersFired == count), TimeSpan.FromSeconds(10), "the node counted its firings");
        Assert.All(node.Statistics.Lateness(), l => Assert.True(l >= TimeSpan.Zero, $"lateness {l}"));
    }
}
