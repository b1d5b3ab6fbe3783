using Orchestrator.Tests.Infrastructure;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Persistence;
using Orchestrator.Scheduling;
using Orchestrator.Workflows;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>timer-report</c> (the timers' speed goals): Hangfire (its SQLite storage, its PostgreSQL storage) on
/// SQLite and on a throwaway PostgreSQL, in one run, through the host's own registrations
/// (<c>AddOrchestratorWorkflows</c> + <c>AddOrchestratorScheduling</c>), real time:
/// <list type="bullet">
/// <item>the host's start (wall clock, the scheduler's start-up included) with N pending timer rows (default 100,000;
/// goal under 10 s), and a second start over what the first left stored;</item>
/// <item>firing lateness (commit time − due) p50/p99/max of timers falling due at R per second (default 100/s for 10 s;
/// goal p99 under 1 s), and how many fired before their due time (goal: none).</item>
/// </list>
/// <c>dotnet run -c Release --project tests/Orchestrator.Benchmarks -- timer-report [--timers 100000] [--rate 100] [--seconds 10] [--threads n] [--only sqlite,postgres]</c>
/// </summary>
internal static class TimerReport
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:benchmarks" id="Defs_Timer">
          <bpmn:process id="TimerBench" name="Wait until a date" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Wait">
              <bpmn:timerEventDefinition id="TimerDef_Wait"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=due</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
            <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Actor Bench = new("u-bench", "Bench", new HashSet<string>(["coordinator"], StringComparer.Ordinal));

    public static async Task<int> RunAsync(string[] args)
    {
        var timers = 100_000;
        var rate = 100;
        var seconds = 10;
        string? threads = null;
        var only = new HashSet<string>(["sqlite", "postgres"], StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--timers": timers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rate": rate = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": threads = args[++i]; break;
                case "--only": only = new HashSet<string>(args[++i].Split(','), StringComparer.OrdinalIgnoreCase); break;
            }
        }

        var rows = new List<string>();
        PostgresCluster? server = null;
        try
        {
            if (only.Contains("sqlite"))
            {
                var dir = Path.Combine(Path.GetTempPath(), "orchestrator-timers-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(dir);
                try
                {
                    const string label = "Hangfire, SQLite (its own storage file)";
                    rows.AddRange(await MeasureAsync(label, "Sqlite", $"Data Source={Path.Combine(dir, "startup.db")}", $"Data Source={Path.Combine(dir, "lateness.db")}", $"Data Source={Path.Combine(dir, "ahead.db")}", timers, rate, seconds, threads));
                }
                finally
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(dir, recursive: true);
                }
            }

            if (only.Contains("postgres"))
            {
                server = new PostgresCluster();
                await server.InitializeAsync();

                const string label = "Hangfire, PostgreSQL (its storage, 1 node)";
                rows.AddRange(await MeasureAsync(label, "PostgreSql", await server.CreateDatabaseAsync("timers_startup"), await server.CreateDatabaseAsync("timers_lateness"), await server.CreateDatabaseAsync("timers_ahead"), timers, rate, seconds, threads));
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        Console.WriteLine();
        Console.WriteLine("| database | figure | value | goal |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    private static async Task<List<string>> MeasureAsync(string label, string provider, string startupDb, string latenessDb, string farAheadDb, int timers, int rate, int seconds, string? threads)
    {
        var rows = new Progress();

        // 1. Start-up with N pending rows, then a restart over what the first start stored.
        using (var first = Build(provider, startupDb, threads))
        {
            await InitializeAsync(first);
            await InsertPendingTimersAsync(first, timers, DateTimeOffset.UtcNow.AddDays(30));
            var started = Stopwatch.StartNew();
            await first.StartAsync();
            started.Stop();
            var startup = first.Services.GetRequiredService<SchedulerStatistics>().Startup;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {label} | first start with {timers:N0} pending timers | host started in {started.Elapsed.TotalSeconds:0.00} s (scheduler start-up {startup.Elapsed.TotalSeconds:0.00} s, {startup.Timers:N0} firings written) | < 10 s |"));
            await first.StopAsync();
        }

        using (var again = Build(provider, startupDb, threads))
        {
            await InitializeAsync(again);
            var started = Stopwatch.StartNew();
            await again.StartAsync();
            started.Stop();
            var startup = again.Services.GetRequiredService<SchedulerStatistics>().Startup;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {label} | restart over the same {timers:N0} pending timers | host started in {started.Elapsed.TotalSeconds:0.00} s (scheduler start-up {startup.Elapsed.TotalSeconds:0.00} s, {startup.Timers:N0} written) | < 10 s |"));
            await again.StopAsync();
        }

        // 2. Lateness at `rate` timers/s: timers created a few seconds before they fall due (armed at their commit).
        rows.AddRange(await MeasureLatenessAsync(label, provider, latenessDb, rate, seconds, threads, farAhead: false));

        // 3. The same, for timers created further ahead than the scheduler's window (most real deadlines): the sweep
        // brings them in. A sweep every 5 s (a window of 10 s) stands for the default 30 s, so the run takes seconds.
        rows.AddRange(await MeasureLatenessAsync(label, provider, farAheadDb, rate, seconds, threads, farAhead: true));
        return rows;
    }

    private static async Task<List<string>> MeasureLatenessAsync(string label, string provider, string connectionString, int rate, int seconds, string? threads, bool farAhead)
    {
        var rows = new Progress();
        var sweep = farAhead ? TimeSpan.FromSeconds(5) : (TimeSpan?)null;
        using var host = Build(provider, connectionString, threads, sweep);
        await InitializeAsync(host);
        await host.StartAsync();
        var count = rate * seconds;
        var lead = farAhead ? (3 * sweep!.Value.TotalSeconds) + 3 : 3;
        var start = DateTimeOffset.UtcNow.AddSeconds(lead + (count / 100.0));
        var what = farAhead ? $"created more than the window ({2 * sweep!.Value.TotalSeconds:0} s) ahead, brought in by the sweep" : "created a few seconds ahead";
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var due = start.AddSeconds(i / (double)rate).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("TimerBench", new JsonObject { ["due"] = due }, null, Bench, ct);
        });
        var created = clock.Elapsed;
        var late = DateTimeOffset.UtcNow > start ? " (created after the first fell due: figures include that)" : "";
        var statistics = host.Services.GetRequiredService<SchedulerStatistics>();
        var until = DateTime.UtcNow.AddSeconds(seconds + 120);
        while (statistics.TimersFired < count && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        var lateness = statistics.Lateness().Select(l => l.TotalSeconds).Order().ToList();
        if (lateness.Count == 0)
        {
            rows.Add($"| {label} | lateness at {rate}/s, {what} | no timer fired | p99 < 1 s |");
        }
        else
        {
            double P(double q) => lateness[Math.Min(lateness.Count - 1, (int)(lateness.Count * q))];
            var brought = farAhead ? string.Create(CultureInfo.InvariantCulture, $", {statistics.BroughtIntoWindowCount:N0} brought in by the sweep") : "";
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | lateness at {rate} timers/s for {seconds} s, {what} ({statistics.TimersFired:N0}/{count:N0} fired; created in {created.TotalSeconds:0.0} s{late}{brought}) | p50 {P(0.5):0.000} s, p99 {P(0.99):0.000} s, max {lateness[^1]:0.000} s | p99 < 1 s |"));
        }

        // Early firings, from the rows (fired_at is the firing's commit clock, due_at the timer's due time).
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var fired = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Fired).Select(t => new { t.DueAt, t.FiredAt }).ToListAsync();
            var early = fired.Where(t => t.FiredAt < t.DueAt).Select(t => (t.DueAt - t.FiredAt!.Value).TotalSeconds).ToList();
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | timers fired before their due time ({(farAhead ? "brought in by the sweep" : "armed at their commit")}) | {early.Count} of {fired.Count}{(early.Count > 0 ? $" (up to {early.Max():0.000} s early)" : "")} | none |"));
        }

        await host.StopAsync();
        return rows;
    }

    /// <summary>The rows, each also printed as soon as it is measured.</summary>
    private sealed class Progress : List<string>
    {
        public new void Add(string row)
        {
            Console.WriteLine("[timer-report] " + row);
            base.Add(row);
        }
    }

    private static IHost Build(string provider, string connectionString, string? threads, TimeSpan? sweep = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Orchestrator"] = connectionString,
            ["Scheduling:ThreadCount"] = threads,
        });
        if (sweep is { } interval)
        {
            // Only when given: a key with no value binds as a zero interval (the sweep's floor, 100 ms), not the default.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduling:SweepInterval"] = interval.ToString("c", CultureInfo.InvariantCulture) });
        }

        builder.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddOrchestratorWorkflows(builder.Configuration);
        builder.Services.AddOrchestratorScheduling(builder.Configuration);
        return builder.Build();
    }

    private static async Task InitializeAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<WorkflowService>().DeployAsync(Bpmn, "timer-bench.bpmn", Actor.System, CancellationToken.None);
    }

    private static async Task InsertPendingTimersAsync(IHost host, int count, DateTimeOffset due)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await PendingTimerSeeder.InsertAsync(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>(), count, due);
    }
}
