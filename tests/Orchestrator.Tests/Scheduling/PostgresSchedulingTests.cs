using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using Orchestrator.Scheduling;
using Orchestrator.Persistence;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

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
/// Hangfire on the real PostgreSQL: two nodes on one database fire each of 240 timers exactly once; when a node (a real
/// service process) that armed timers is killed with SIGKILL mid-load, the other fires the rest, once each, through
/// their Hangfire jobs; a restarted node writes jobs only for the pending timers of the window that have none.
/// </summary>
[Collection(SchedulingTimingGroup.Name)]
public sealed class PostgresSchedulingTests(PostgresServer server) : IAsyncLifetime
{
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
        await using var a = SchedulerNode.Create(Database);
        await using var b = SchedulerNode.Create(Database);
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
        Assert.True(a.Statistics.TimersFired > 0 && b.Statistics.TimersFired > 0, $"node A fired {a.Statistics.TimersFired}, node B {b.Statistics.TimersFired}: each fires the timers it armed");
        var lateness = a.Statistics.Lateness().Concat(b.Statistics.Lateness()).Select(l => l.TotalSeconds).Order().ToList();
        Console.WriteLine($"[scheduling] 2 nodes, {count} timers at 100/s (created in {creation.TotalSeconds:0.0} s): node A fired {a.Statistics.TimersFired}, node B {b.Statistics.TimersFired} ({a.Statistics.TimerNoops + b.Statistics.TimerNoops} no-op firings); lateness p50 {lateness[count / 2]:0.000} s, p99 {lateness[(int)(count * 0.99)]:0.000} s, max {lateness[^1]:0.000} s");
    }

    [Fact]
    public async Task When_a_node_that_armed_timers_is_killed_the_other_fires_the_rest_once()
    {
        const int count = 300;

        // Node A: the real service process on this database (its workflows folder holds the same BPMN). It creates the
        // instances, so it arms their timers and fires them in-process; their Hangfire jobs wait BackstopDelay past the
        // due time.
        var root = Path.Combine(Path.GetTempPath(), "orchestrator-sched-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Scheduling", "Fixtures", "deadline.bpmn"), Path.Combine(root, "workflows", "deadline.bpmn"));
        const string key = "scheduling-kill-key-0123456789";
        await using var a = ServiceProcess.Start(root, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Orchestrator"] = Database.ConnectionString,
            ["Security__SeedDemoAccounts"] = "false",
            ["Security__ApiKeys__0__Name"] = "load",
            ["Security__ApiKeys__0__Key"] = key,
            ["Security__ApiKeys__0__Roles__0"] = "coordinator",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await a.WaitHealthyAsync(TimeSpan.FromSeconds(90));

        // Node B: in this process.
        await using var b = SchedulerNode.Create(Database);
        await b.StartAsync();

        // 300 timers due over 15 s, starting once every instance is surely created.
        using var client = new HttpClient { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("Authorization", "ApiKey " + key);
        var start = DateTimeOffset.UtcNow.AddSeconds(40);
        var instances = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var due = start.AddMilliseconds(i * 15_000.0 / count).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            using var response = await client.PostAsJsonAsync("/api/processes/Deadline/instances", new { variables = new { due } }, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
            instances[i] = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        });
        Assert.True(DateTimeOffset.UtcNow < start, "the instances were created before their timers fell due");
        Assert.Equal(count, b.TimerJobs().Count);

        await Eventually.HoldsAsync(async () => await b.WithDbAsync(db => db.Timers.CountAsync(t => t.Status == TimerStatuses.Fired)) >= count / 3, start - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60), "a third of the timers fire");
        a.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var firedBeforeKill = await b.WithDbAsync(db => db.Timers.CountAsync(t => t.Status == TimerStatuses.Fired));
        Assert.True(firedBeforeKill - b.Statistics.TimersFired >= 20, $"node A fired fewer than 20 of the first {firedBeforeKill} timers; node A output:{Environment.NewLine}{a.Output}");
        Assert.True(firedBeforeKill < count, "A was killed after every timer had fired");

        await Eventually.HoldsAsync(async () => await b.WithDbAsync(SchedulingQueries.PendingTimersAsync) == 0, TimeSpan.FromSeconds(90), "node B fires the rest");
        await AssertEachEscalatedOnceAsync(b, [.. instances]);
        Assert.True(b.Statistics.TimersFired > 0, "node B fired after the kill");
        var lastDue = start.AddSeconds(15);
        var lastFired = await b.WithDbAsync(db => db.Timers.MaxAsync(t => t.FiredAt));
        var late = b.Statistics.Lateness().Select(l => l.TotalSeconds).Order().ToList();
        Console.WriteLine($"[scheduling] kill: {firedBeforeKill} fired before node A was killed at {killedAt:HH:mm:ss.fff} (all by A, which armed them); node B fired {b.Statistics.TimersFired} through their Hangfire jobs, lateness p50 {late[late.Count / 2]:0.000} s, max {late[^1]:0.000} s (backstop delay {HangfireWorkflowScheduler.BackstopDelay.TotalSeconds:0} s); last due {lastDue:HH:mm:ss.fff}, last fired {lastFired:HH:mm:ss.fff}");
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_restarted_node_writes_jobs_only_for_the_timers_of_the_window_that_have_none()
    {
        var far = DateTimeOffset.UtcNow.AddDays(1);
        string near;
        await using (var first = SchedulerNode.Create(Database))
        {
            await first.StartAsync();
            for (var i = 0; i < 5; i++)
            {
                await first.StartDeadlineAsync(far.AddMinutes(i));
            }

            near = await first.StartDeadlineAsync(DateTimeOffset.UtcNow.AddSeconds(45));
            Assert.Single(first.TimerJobs()); // the far ones are left to the sweep
        }

        // A timer row of the window written while no scheduler ran (its job is missing).
        await using (var db = Database.CreateContext())
        {
            db.Timers.Add(new TimerRecord { Id = "lost-1", ProcessId = "Deadline", ProcessVersion = 1, ElementId = "Start", DueAt = DateTimeOffset.UtcNow.AddSeconds(50), Status = TimerStatuses.Pending, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var second = SchedulerNode.Create(Database);
        await second.StartAsync();
        Assert.Equal(1, second.Statistics.Startup.Timers);
        var nearTimer = await second.WithDbAsync(db => db.Timers.Where(t => t.InstanceId == near).Select(t => t.Id).SingleAsync());
        Assert.Equal(new[] { "lost-1", nearTimer }.Order(StringComparer.Ordinal), second.TimerJobs().Keys.Order(StringComparer.Ordinal));
        Assert.All(second.TimerJobs().Values, jobs => Assert.Single(jobs));
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
}
