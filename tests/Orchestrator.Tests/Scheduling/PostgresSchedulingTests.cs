using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orchestrator.Scheduling;
using Orchestrator.Persistence;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// The scheduling tests that measure time (lateness, start-up speed, failover) run alone, after the parallel ones,
/// with a PostgreSQL server of their own: on a 2-core machine shared with the other test classes they would measure
/// the other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchedulingTimingGroup : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Scheduling timing (PostgreSQL, not parallel)";
}

/// <summary>
/// The clustered Quartz store on the real PostgreSQL: two nodes on one database fire each of 240 timers exactly once;
/// when a node (a real service process) is killed with SIGKILL mid-load, the other fires the rest; a restarted node
/// does not insert the triggers that are already stored.
/// </summary>
[Collection(SchedulingTimingGroup.Name)]
public sealed class PostgresSchedulingTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Scheduling:IdleWaitTime"] = "00:00:01",
    };

    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreatePostgresAsync(server, nameof(PostgresSchedulingTests));

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private TestDatabase Database => _database!;

    [Fact]
    public async Task Two_nodes_fire_each_of_240_timers_exactly_once()
    {
        const int count = 240;
        await using var a = SchedulerNode.Create(Database, Fast);
        await using var b = SchedulerNode.Create(Database, Fast);
        await a.StartAsync();
        await b.StartAsync();

        // 100 timers/s for 2.4 s, starting once every instance is surely created.
        var start = DateTimeOffset.UtcNow.AddSeconds(6);
        var created = System.Diagnostics.Stopwatch.StartNew();
        var instances = await StartManyAsync([a, b], count, i => start.AddMilliseconds(i * 10.0));
        var creation = created.Elapsed;
        Assert.True(DateTimeOffset.UtcNow < start, $"creating {count} instances took {creation.TotalSeconds:0.0} s: the timers were due before they existed");
        await Eventually.HoldsAsync(async () => await a.WithDbAsync(SchedulingQueries.PendingTimersAsync) == 0, TimeSpan.FromSeconds(40), "every timer fires");
        await Eventually.HoldsAsync(() => Task.FromResult(a.Statistics.TimersFired + b.Statistics.TimersFired == count), TimeSpan.FromSeconds(10), "both nodes have counted");

        await AssertEachEscalatedOnceAsync(a, instances);
        Assert.Equal(count, a.Statistics.TimersFired + b.Statistics.TimersFired);
        Assert.Equal(0, a.Statistics.TimerNoops + b.Statistics.TimerNoops);
        var lateness = a.Statistics.Lateness().Concat(b.Statistics.Lateness()).Select(l => l.TotalSeconds).Order().ToList();
        Console.WriteLine($"[scheduling] 2 nodes, {count} timers at 100/s (created in {creation.TotalSeconds:0.0} s): node A fired {a.Statistics.TimersFired}, node B {b.Statistics.TimersFired}; lateness p50 {lateness[count / 2]:0.000} s, p99 {lateness[(int)(count * 0.99)]:0.000} s, max {lateness[^1]:0.000} s");
    }

    [Fact]
    public async Task When_a_node_is_killed_the_other_fires_the_rest_once()
    {
        const int count = 300;

        // Node A: the real service process on this database (its workflows folder holds the same BPMN).
        var root = Path.Combine(Path.GetTempPath(), "orchestrator-sched-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Scheduling", "Fixtures", "deadline.bpmn"), Path.Combine(root, "workflows", "deadline.bpmn"));
        await using var a = ServiceProcess.Start(root, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Orchestrator"] = Database.ConnectionString,
            ["Security__SeedDemoAccounts"] = "false",
            ["Scheduling__IdleWaitTime"] = "00:00:01",
            ["Scheduling__ClusterCheckinInterval"] = "00:00:01",
            ["Scheduling__ClusterCheckinMisfireThreshold"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await a.WaitHealthyAsync(TimeSpan.FromSeconds(90));

        // Node B: in this process.
        await using var b = SchedulerNode.Create(Database, Fast);
        await b.StartAsync();
        Assert.Equal(2, await LiveNodesAsync());

        // 30 timers/s for 10 s, starting once every instance is surely created.
        var start = DateTimeOffset.UtcNow.AddSeconds(8);
        var instances = await StartManyAsync([b], count, i => start.AddMilliseconds(i * 10_000.0 / count));
        Assert.True(DateTimeOffset.UtcNow < start, "the instances were created before their timers fell due");

        // B scheduled every trigger (and is woken by its own scheduling); to be sure A holds work when it dies, B
        // stands by until A has fired the first 20, then both run.
        var quartzB = await b.Services.GetRequiredService<QuartzWorkflowScheduler>().GetSchedulerAsync(default);
        await quartzB.Standby(default);
        await Eventually.HoldsAsync(async () => await b.WithDbAsync(db => db.Timers.CountAsync(t => t.Status == TimerStatuses.Fired)) >= 20, TimeSpan.FromSeconds(30), "node A fires the first timers");
        await quartzB.Start(default);
        await Eventually.HoldsAsync(async () => await b.WithDbAsync(db => db.Timers.CountAsync(t => t.Status == TimerStatuses.Fired)) >= count / 3, TimeSpan.FromSeconds(30), "a third of the timers fire");

        a.Kill();
        var firedBeforeKill = await b.WithDbAsync(db => db.Timers.CountAsync(t => t.Status == TimerStatuses.Fired));
        var bBeforeKill = b.Statistics.TimersFired;
        Assert.True(firedBeforeKill - bBeforeKill >= 20, $"node A fired fewer than 20 of the first {firedBeforeKill} timers; node A output:{Environment.NewLine}{a.Output}");

        try
        {
            await Eventually.HoldsAsync(async () => await b.WithDbAsync(SchedulingQueries.PendingTimersAsync) == 0, TimeSpan.FromSeconds(40), "node B fires the rest");
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}; pending {await b.WithDbAsync(SchedulingQueries.PendingTimersAsync)}, B fired {b.Statistics.TimersFired} (noops {b.Statistics.TimerNoops}); quartz: {await QuartzStateAsync()}");
        }

        await AssertEachEscalatedOnceAsync(b, instances);
        Assert.True(b.Statistics.TimersFired > bBeforeKill, "node B fired after the kill");
        Console.WriteLine($"[scheduling] kill: {firedBeforeKill} fired before node A was killed ({firedBeforeKill - bBeforeKill} by A); node B fired {b.Statistics.TimersFired} in all, {b.Statistics.TimerNoops} no-op firings");
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_restarted_node_keeps_the_stored_triggers_and_adds_only_missing_ones()
    {
        var far = DateTimeOffset.UtcNow.AddDays(1);
        await using (var first = SchedulerNode.Create(Database, Fast))
        {
            await first.StartAsync();
            for (var i = 0; i < 5; i++)
            {
                await first.StartDeadlineAsync(far.AddMinutes(i));
            }

            Assert.Equal(5, await TriggerCountAsync());
        }

        // A timer row written while no scheduler ran (its trigger is missing).
        await using (var db = Database.CreateContext())
        {
            db.Timers.Add(new TimerRecord { Id = "lost-1", ProcessId = "Deadline", ProcessVersion = 1, ElementId = "Start", DueAt = far, Status = TimerStatuses.Pending, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var second = SchedulerNode.Create(Database, Fast);
        await second.StartAsync();
        Assert.Equal(1, second.Statistics.Startup.Timers);
        Assert.Equal(6, await TriggerCountAsync());
    }

    [Fact]
    public async Task Triggers_written_in_bulk_at_start_up_are_the_rows_Quartz_writes_and_they_fire()
    {
        var far = DateTimeOffset.UtcNow.AddDays(3);
        await using (var first = SchedulerNode.Create(Database, Fast))
        {
            await first.StartAsync();
            await first.StartDeadlineAsync(far);
        }

        // What Quartz's API wrote for the far timer, as the reference; then the store loses every timer trigger, and a
        // timer row with the same due instant is written while no node runs.
        var farTimer = await FirstTimerIdAsync(far);
        var reference = await TriggerRowAsync(farTimer);
        await ExecuteAsync("DELETE FROM quartz.qrtz_triggers WHERE trigger_group = 'timers'");
        await using (var db = Database.CreateContext())
        {
            var row = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == farTimer);
            db.Timers.Add(new TimerRecord { Id = "lost-twin", ProcessId = row.ProcessId, ProcessVersion = row.ProcessVersion, ElementId = row.ElementId, DueAt = row.DueAt, Status = TimerStatuses.Pending, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        // An instance started by a node that schedules nothing: its timer row has no trigger either.
        string soonInstance;
        await using (var idle = SchedulerNode.Create(Database, new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" }))
        {
            await idle.StartAsync();
            soonInstance = await idle.StartDeadlineAsync(DateTimeOffset.UtcNow.AddSeconds(2));
        }

        await using var second = SchedulerNode.Create(Database, Fast);
        await second.StartAsync();

        Assert.Equal(3, second.Statistics.Startup.Timers);
        Assert.Equal(reference, await TriggerRowAsync(farTimer));
        Assert.Equal(reference, await TriggerRowAsync("lost-twin"));

        // The rewritten trigger of the near timer fires (once) on the node that wrote it.
        await Eventually.HoldsAsync(async () => await second.WithDbAsync(db => db.Timers.AnyAsync(t => t.InstanceId == soonInstance && t.Status == TimerStatuses.Fired)), TimeSpan.FromSeconds(30), "the near timer fires from its bulk-written trigger");
        Assert.Equal(1, await second.WithDbAsync(db => SchedulingQueries.OpenTasksAsync(db, "Task_Escalate")));

        // A second start writes nothing: every pending row has its trigger; one that Quartz had put in its ERROR state
        // (a job it could not make) waits again.
        await ExecuteAsync("UPDATE quartz.qrtz_triggers SET trigger_state = 'ERROR' WHERE trigger_name = 'lost-twin'");
        await using var third = SchedulerNode.Create(Database, Fast);
        await third.StartAsync();
        Assert.Equal(0, third.Statistics.Startup.Timers);
        Assert.Equal(reference, await TriggerRowAsync("lost-twin"));
    }

    private async Task<string> FirstTimerIdAsync(DateTimeOffset due)
    {
        await using var db = Database.CreateContext();
        var timers = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending).Select(t => new { t.Id, t.DueAt }).ToListAsync();
        return timers.Single(t => Math.Abs((t.DueAt - due).TotalSeconds) < 1).Id;
    }

    /// <summary>Every column of a timer's trigger and its simple-trigger row but the name, as text.</summary>
    private async Task<string> TriggerRowAsync(string timerId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT to_jsonb(t) - 'trigger_name' || jsonb_build_object('simple', to_jsonb(s) - 'trigger_name')
            FROM quartz.qrtz_triggers t JOIN quartz.qrtz_simple_triggers s USING (sched_name, trigger_name, trigger_group)
            WHERE t.trigger_group = 'timers' AND t.trigger_name = @id
            """, connection);
        command.Parameters.AddWithValue("id", timerId);
        return (string)(await command.ExecuteScalarAsync() ?? $"no trigger for timer {timerId}");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> StartManyAsync(IReadOnlyList<SchedulerNode> nodes, int count, Func<int, DateTimeOffset> due)
    {
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            ids[i] = await nodes[i % nodes.Count].StartDeadlineAsync(due(i)));
        return [.. ids];
    }

    private static async Task AssertEachEscalatedOnceAsync(SchedulerNode node, List<string> instances)
    {
        var escalations = await node.WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.ElementId == "Task_Escalate")
            .GroupBy(t => t.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(instances.Count, escalations.Count);
        Assert.All(escalations, e => Assert.Equal(1, e.Count));
        Assert.Equal(instances.Order(StringComparer.Ordinal), escalations.Select(e => e.Key).Order(StringComparer.Ordinal));

        // The history holds one firing of each timer (the boundary event's entries, once each per instance).
        var history = await node.WithDbAsync(db => db.History.AsNoTracking().Where(h => h.ElementId == "Timer_Deadline")
            .GroupBy(h => new { h.InstanceId, h.Type }).Select(g => new { g.Key.InstanceId, Count = g.Count() }).ToListAsync());
        Assert.Equal(instances.Count, history.Select(h => h.InstanceId).Distinct().Count());
        Assert.All(history, h => Assert.Equal(1, h.Count));
    }

    private async Task<long> TriggerCountAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM quartz.qrtz_triggers WHERE trigger_group = 'timers'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> QuartzStateAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT trigger_group || ':' || trigger_state || '=' || count(*) FROM quartz.qrtz_triggers GROUP BY trigger_group, trigger_state",
            "SELECT 'fired:' || instance_name || ':' || state || '=' || count(*) FROM quartz.qrtz_fired_triggers GROUP BY instance_name, state",
            "SELECT 'node:' || instance_name || ' checkin ' || last_checkin_time FROM quartz.qrtz_scheduler_state",
            "SELECT 'now ' || (extract(epoch from now()) * 1000)::bigint",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                parts.Add(reader.GetString(0));
            }
        }

        return string.Join("; ", parts);
    }

    private async Task<long> LiveNodesAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM quartz.qrtz_scheduler_state", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
