using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;
using static Orchestrator.Tests.EndToEnd.E2eHttp;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// Durability under a crash: the real executable is SIGKILLed in the middle of a load of 1,000 instances being started and
/// their first task completed by concurrent HTTP clients, and restarted on the same data. Every acknowledged (2xx)
/// start and completion has its effect, no instance is stuck between states, no task is completed twice, every pending
/// reminder timer fires exactly once.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class CrashUnderLoadTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Instances = 1000;
    private const int Clients = 8;

    private sealed class Item(int index)
    {
        public int Index { get; } = index;

        public string BusinessKey => $"LOAD-{Index:0000}";

        public string? InstanceId { get; set; }

        public string? FirstTaskId { get; set; }

        public bool StartSent { get; set; }

        public bool StartAcknowledged { get; set; }

        public bool CompleteSent { get; set; }

        public bool CompleteAcknowledged { get; set; }
    }

    private sealed class Counters
    {
        public int StartsAcknowledged;
        public int CompletionsAcknowledged;
        public int UnacknowledgedStartsFound;
        public int UnacknowledgedStartsLost;
        public int UnacknowledgedCompletionsFound;
        public int UnacknowledgedCompletionsRedone;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_SIGKILL_in_the_middle_of_1000_starts_and_completions_loses_no_acknowledged_effect(DatabaseProvider provider)
    {
        var total = Stopwatch.StartNew();
        await using var service = await E2eService.CreateAsync(provider, postgres, new Dictionary<string, string> { ["load.bpmn"] = E2eWorkflows.Load });
        await service.StartAsync();
        var startedIn = total.Elapsed;

        var items = Enumerable.Range(1, Instances).Select(i => new Item(i)).ToList();
        var queue = new ConcurrentQueue<Item>(items);
        var interrupted = new ConcurrentQueue<Item>();
        var failures = new ConcurrentQueue<string>();
        var unexpected = new ConcurrentQueue<string>();
        var counters = new Counters();
        var killed = 0;
        var killAt = Instances / 2;

        // Phase 1: 8 clients start instances and complete their first task until the service is killed.
        var load = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            using var client = service.Client(Roles.Coordinator);
            // The clients keep sending until the dead service refuses them, so requests are in flight at the kill.
            while (queue.TryDequeue(out var item))
            {
                try
                {
                    await RunAsync(client, item, counters, unexpected, afterCrash: false);
                    if (item.CompleteAcknowledged)
                    {
                        if (Interlocked.Increment(ref counters.CompletionsAcknowledged) == killAt)
                        {
                            Volatile.Write(ref killed, 1);
                            service.Kill();
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    if (Volatile.Read(ref killed) == 0)
                    {
                        unexpected.Enqueue($"{item.BusinessKey}: failed before the kill: {e.Message}");
                    }

                    interrupted.Enqueue(item);
                    failures.Enqueue($"{item.BusinessKey} {e.GetType().Name}: {e.Message} {e.InnerException?.Message}");
                    if (Volatile.Read(ref killed) == 1)
                    {
                        break;
                    }
                }
            }
        }));
        var beforeKill = load.Elapsed;
        Assert.True(killed == 1, "the service was never killed: " + string.Join("; ", unexpected.Take(5)));
        var startsBeforeCrash = items.Count(i => i.StartAcknowledged);
        var completionsBeforeCrash = items.Count(i => i.CompleteAcknowledged);
        var inFlight = interrupted.Count;
        output.WriteLine("after the kill: " + string.Join(Environment.NewLine, failures));
        Console.WriteLine("[e2e] after the kill: " + string.Join(" | ", failures));
        var unackedStarts = items.Count(i => i.StartSent && !i.StartAcknowledged);
        var unackedCompletions = items.Count(i => i.CompleteSent && !i.CompleteAcknowledged);

        // The reminders the crash left pending (read from the database while no service runs).
        List<string> pendingAtCrash;
        await using (var db = service.CreateContext())
        {
            pendingAtCrash = await db.Timers.Where(t => t.Status == TimerStatuses.Pending && t.InstanceId != null).Select(t => t.Id).ToListAsync();
        }

        // Restart on the same data.
        var restart = Stopwatch.StartNew();
        await service.StartAsync();
        var restartedIn = restart.Elapsed;
        var restartedAt = DateTimeOffset.UtcNow - restartedIn;

        // Phase 2: the clients finish the work as a careful client would: an unanswered start is looked up by its
        // business key before it is sent again; an unanswered completion is sent again (409 "no longer open" = it took effect).
        using (var coordinator = service.Client(Roles.Coordinator))
        {
            var open = (await GetJsonAsync(coordinator, "/api/tasks?candidateGroup=social-worker&limit=1000")).EnumerateArray()
                .ToDictionary(t => t.GetProperty("businessKey").GetString()!, t => (Instance: t.GetProperty("instanceId").GetString()!, Task: t.GetProperty("id").GetString()!));
            foreach (var item in items.Where(i => i.StartSent && !i.StartAcknowledged))
            {
                if (open.TryGetValue(item.BusinessKey, out var found))
                {
                    item.InstanceId = found.Instance;
                    item.FirstTaskId = found.Task;
                    counters.UnacknowledgedStartsFound++;
                }
                else
                {
                    counters.UnacknowledgedStartsLost++;
                }
            }
        }

        var rest = interrupted.Concat(queue).ToList();
        await ForEachAsync(rest, Clients, async item =>
        {
            using var client = service.Client(Roles.Coordinator);
            await RunAsync(client, item, counters, unexpected, afterCrash: true);
        });
        var loadTime = load.Elapsed - restartedIn;
        Assert.True(unexpected.IsEmpty, string.Join(Environment.NewLine, unexpected.Take(20)));
        Assert.All(items, i => Assert.True(i.CompleteAcknowledged, $"{i.BusinessKey} was not completed"));

        // Every reminder (due ReminderDelay after its first task was completed) fires: wait for the timer rows. What the
        // service promises after a crash: a firing Hangfire cannot run (a job the killed process had fetched, a lock it
        // held) is taken over by the sweep once the timer is a sweep period (30 s) overdue, at its next round: so at most
        // two periods past the due time, and a half period of slack for this shared machine.
        var waitTimers = Stopwatch.StartNew();
        int pending = -1;
        var allFired = await EventuallyAsync(async () =>
        {
            await using var db = service.CreateContext();
            pending = await db.Timers.CountAsync(t => t.Status == TimerStatuses.Pending && t.InstanceId != null);
            return pending == 0;
        }, E2eWorkflows.ReminderDelay + TimeSpan.FromSeconds(75), TimeSpan.FromMilliseconds(500));
        Assert.True(allFired, $"{pending} reminder timers still pending {E2eService.Seconds(waitTimers.Elapsed)} after the load (restart at {restartedAt:O})\n{await DescribeStuckTimersAsync(service)}\n{Tail(service)}");
        var timersTime = waitTimers.Elapsed;

        // The check, through the API: instance, its open tasks and its history, for each of the 1,000.
        var verify = Stopwatch.StartNew();
        var problems = new ConcurrentQueue<string>();
        var timersFiredAfterRestart = 0;
        var timersFired = 0;
        await ForEachAsync(items, Clients, async item =>
        {
            using var client = service.Client(Roles.Coordinator);
            var id = item.InstanceId!;
            var (status, instance, text) = await ReadAsync(await client.GetAsync($"/api/instances/{id}"));
            if (status != HttpStatusCode.OK)
            {
                problems.Enqueue($"{item.BusinessKey} ({id}): GET instance {(int)status} {text}");
                return;
            }

            var active = instance.GetProperty("active").EnumerateArray().Select(e => e.GetString()!).ToList();
            var tasks = await TasksOfAsync(client, id);
            var taskElements = tasks.Select(t => t.GetProperty("elementId").GetString()!).ToList();
            var activeTasks = active.Where(e => e.StartsWith("Task_", StringComparison.Ordinal)).ToList();

            // Not stuck between states: the open task rows are exactly the user tasks the state document waits in.
            if (instance.GetProperty("status").GetString() != "active"
                || !activeTasks.Order().SequenceEqual(taskElements.Order())
                || taskElements.Count != taskElements.Distinct().Count())
            {
                problems.Enqueue($"{item.BusinessKey}: status {instance.GetProperty("status")}, active [{string.Join(",", active)}], open tasks [{string.Join(",", taskElements)}]");
            }

            // The completion took effect: the instance moved on to the second task.
            if (taskElements is not ["Task_Second"] || instance.GetProperty("businessKey").GetString() != item.BusinessKey)
            {
                problems.Enqueue($"{item.BusinessKey}: expected to wait in Task_Second, open tasks [{string.Join(",", taskElements)}], business key {instance.GetProperty("businessKey")}");
            }

            var history = await HistoryOfAsync(client, id);
            var completions = history.Where(h => h.GetProperty("type").GetString() == "TaskCompleted").ToList();
            if (completions.Count != 1 || completions[0].GetProperty("itemId").GetString() != item.FirstTaskId)
            {
                problems.Enqueue($"{item.BusinessKey}: {completions.Count} TaskCompleted entries (expected one, for {item.FirstTaskId}): {string.Join(", ", completions.Select(c => c.GetProperty("itemId").GetString()))}");
            }

            var fired = history.Where(h => h.GetProperty("type").GetString() == "TimerFired").ToList();
            if (fired.Count != 1 || fired[0].GetProperty("elementId").GetString() != "Timer_Reminder")
            {
                problems.Enqueue($"{item.BusinessKey}: {fired.Count} TimerFired entries (expected one)");
            }
            else
            {
                Interlocked.Increment(ref timersFired);
                if (fired[0].GetProperty("at").GetDateTimeOffset() >= restartedAt)
                {
                    Interlocked.Increment(ref timersFiredAfterRestart);
                }
            }

            foreach (var type in new[] { "InstanceStarted", "TaskCreated" })
            {
                var count = history.Count(h => h.GetProperty("type").GetString() == type);
                var expected = type == "TaskCreated" ? 2 : 1;
                if (count != expected)
                {
                    problems.Enqueue($"{item.BusinessKey}: {count} {type} entries (expected {expected})");
                }
            }
        });

        // What the API cannot list: no instance twice (one per business key), one timer row each, fired.
        await using (var db = service.CreateContext())
        {
            var perKey = await db.Instances.GroupBy(i => i.BusinessKey).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Assert.Equal(Instances, perKey.Count);
            Assert.All(perKey, k => Assert.Equal(1, k.Count));
            var timers = await db.Timers.Where(t => t.InstanceId != null).GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Assert.Equal(new[] { (TimerStatuses.Fired, Instances) }, timers.Select(t => (t.Key, t.Count)).ToArray());
            var completedTasks = await db.Tasks.CountAsync(t => t.Status == TaskStatuses.Completed);
            Assert.Equal(Instances, completedTasks);

            // Each reminder the crash left pending fired after the restart.
            var leftPending = await db.Timers.Where(t => pendingAtCrash.Contains(t.Id)).Select(t => new { t.Id, t.Status, t.FiredAt }).ToListAsync();
            Assert.Equal(pendingAtCrash.Count, leftPending.Count);
            Assert.All(leftPending, t => Assert.True(t.Status == TimerStatuses.Fired && t.FiredAt >= restartedAt, $"{t.Id}: {t.Status} at {t.FiredAt:O}, restart at {restartedAt:O}"));
        }

        var verifyTime = verify.Elapsed;
        var report = $"""
            {provider}: {Instances} instances, {Clients} clients. Service up in {E2eService.Seconds(startedIn)}; killed (SIGKILL) after {E2eService.Seconds(beforeKill)} of load.
            Before the kill: {startsBeforeCrash} starts and {completionsBeforeCrash} completions acknowledged; {inFlight} items in flight ({unackedStarts} starts, {unackedCompletions} completions unanswered); {pendingAtCrash.Count} reminder timers pending.
            Restarted in {E2eService.Seconds(restartedIn)}. Unanswered starts: {counters.UnacknowledgedStartsFound} had taken effect, {counters.UnacknowledgedStartsLost} had not. Unanswered completions: {counters.UnacknowledgedCompletionsFound} had taken effect (409 on repeat), {counters.UnacknowledgedCompletionsRedone} had not (204 on repeat).
            Acknowledged in all: {counters.StartsAcknowledged} starts, {items.Count(i => i.CompleteAcknowledged)} completions; present: {items.Count(i => i.InstanceId is not null)} instances, each waiting in Task_Second with one TaskCompleted.
            Timers: {timersFired} fired exactly once ({timersFiredAfterRestart} after the restart); all fired {E2eService.Seconds(timersTime)} after the load. Load {E2eService.Seconds(loadTime)}, check {E2eService.Seconds(verifyTime)}, total {E2eService.Seconds(total.Elapsed)}.
            """;
        output.WriteLine(report);
        Console.WriteLine("[e2e] " + report.Replace("\n", "\n[e2e] ", StringComparison.Ordinal));
        Assert.True(problems.IsEmpty, problems.Count + " problems:\n" + string.Join(Environment.NewLine, problems.Take(20)) + "\n" + report);
        Assert.Equal(Instances, timersFired);
        Assert.True(completionsBeforeCrash >= killAt && completionsBeforeCrash < Instances, report);
    }

    /// <summary>Start (unless known), find the first task (unless known), complete it; records what was acknowledged.</summary>
    private static async Task RunAsync(HttpClient client, Item item, Counters counters, ConcurrentQueue<string> unexpected, bool afterCrash)
    {
        if (item.InstanceId is null)
        {
            item.StartSent = true;
            var (status, body, text) = await ReadAsync(await client.PostAsync(
                "/api/processes/E2eLoad/instances",
                Json($$$"""{"businessKey":"{{{item.BusinessKey}}}","variables":{"n":{{{item.Index}}}}}""")));
            if (status != HttpStatusCode.Created)
            {
                unexpected.Enqueue($"{item.BusinessKey}: start answered {(int)status} {text}");
                return;
            }

            item.InstanceId = body.GetProperty("id").GetString();
            item.StartAcknowledged = true;
            Interlocked.Increment(ref counters.StartsAcknowledged);
        }

        if (item.FirstTaskId is null)
        {
            var tasks = await TasksOfAsync(client, item.InstanceId!);
            var first = tasks.Where(t => t.GetProperty("elementId").GetString() == "Task_First").ToList();
            if (first.Count != 1)
            {
                unexpected.Enqueue($"{item.BusinessKey}: after the start {first.Count} open Task_First (of {tasks.Count} tasks)");
                return;
            }

            item.FirstTaskId = first[0].GetProperty("id").GetString();
        }

        var repeat = item.CompleteSent;
        item.CompleteSent = true;
        var (completeStatus, problem, completeText) = await ReadAsync(await client.PostAsync($"/api/tasks/{item.FirstTaskId}/complete", Json("""{"variables":{"firstDone":true}}""")));
        if (completeStatus == HttpStatusCode.NoContent)
        {
            item.CompleteAcknowledged = true;
            if (afterCrash)
            {
                Interlocked.Increment(ref counters.CompletionsAcknowledged);
                if (repeat)
                {
                    Interlocked.Increment(ref counters.UnacknowledgedCompletionsRedone);
                }
            }
        }
        else if (repeat && completeStatus == HttpStatusCode.Conflict && problem.GetProperty("detail").GetString()!.Contains("no longer open", StringComparison.Ordinal))
        {
            // The completion sent before the crash took effect; its answer was lost.
            item.CompleteAcknowledged = true;
            Interlocked.Increment(ref counters.UnacknowledgedCompletionsFound);
        }
        else
        {
            unexpected.Enqueue($"{item.BusinessKey}: complete answered {(int)completeStatus} {completeText}");
        }
    }

    /// <summary>What a stuck timer's row and its Hangfire jobs say (PostgreSQL), and the service's lines that name it.</summary>
    private static async Task<string> DescribeStuckTimersAsync(E2eService service)
    {
        await using var db = service.CreateContext();
        var stuck = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending && t.InstanceId != null)
            .Select(t => new { t.Id, t.CreatedAt, t.DueAt }).Take(5).ToListAsync();
        var lines = new List<string>();
        foreach (var timer in stuck)
        {
            lines.Add($"timer {timer.Id}: created {timer.CreatedAt:O}, due {timer.DueAt:O}");
            if (service.Provider == DatabaseProvider.PostgreSql)
            {
                var connection = db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT j.id, j.statename, j.createdat, q.fetchedat,
                           (SELECT string_agg(s.name || '@' || to_char(s.createdat, 'HH24:MI:SS.MS') || coalesce(' ' || s.reason, ''), ' > ' ORDER BY s.id) FROM hangfire.state s WHERE s.jobid = j.id)
                    FROM hangfire.job j LEFT JOIN hangfire.jobqueue q ON q.jobid = j.id
                    WHERE j.arguments LIKE '%' || @id || '%' ORDER BY j.id
                    """;
                var parameter = command.CreateParameter();
                parameter.ParameterName = "id";
                parameter.Value = timer.Id;
                command.Parameters.Add(parameter);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    lines.Add($"  hangfire job {reader.GetValue(0)}: {reader.GetValue(1)}, created {reader.GetValue(2)}, fetched {reader.GetValue(3)}, states {reader.GetValue(4)}");
                }
            }

            var output = service.Output + (service.Process.HasExited ? "" : service.Process.Output);
            lines.AddRange(output.Split('\n').Where(l => l.Contains(timer.Id, StringComparison.Ordinal)).Take(10).Select(l => "  log: " + l));
        }

        return string.Join('\n', lines);
    }

    private static string Tail(E2eService service)
    {
        var text = service.Output + (service.Process.HasExited ? "" : service.Process.Output);
        return text.Length <= 4000 ? text : text[^4000..];
    }
}
