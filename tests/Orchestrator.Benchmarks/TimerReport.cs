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
/// <c>timer-report</c> (issue 4, "Speed", timers): on SQLite (Quartz in-memory store) and on a throwaway PostgreSQL
/// (clustered ADO store), through the host's own registrations (<c>AddOrchestratorWorkflows</c> +
/// <c>AddOrchestratorScheduling</c>), real time:
/// <list type="bullet">
/// <item>start-up scheduling with N pending timer rows (default 100,000; goal under 10 s), and on PostgreSQL a second
/// start-up over the triggers already stored;</item>
/// <item>firing lateness (commit time − due) p50/p99/max of timers falling due at R per second (default 100/s for 10 s;
/// goal p99 under 1 s).</item>
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
        if (only.Contains("sqlite"))
        {
            var dir = Path.Combine(Path.GetTempPath(), "orchestrator-timers-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                rows.AddRange(await MeasureAsync("SQLite (in-memory store)", "Sqlite", $"Data Source={Path.Combine(dir, "startup.db")}", $"Data Source={Path.Combine(dir, "lateness.db")}", timers, rate, seconds, threads));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
        }

        if (only.Contains("postgres"))
        {
            await using var server = new PostgresCluster();
            await server.InitializeAsync();
            rows.AddRange(await MeasureAsync("PostgreSQL (clustered ADO store, 1 node)", "PostgreSql", await server.CreateDatabaseAsync("timers_startup"), await server.CreateDatabaseAsync("timers_lateness"), timers, rate, seconds, threads));
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

    private static async Task<List<string>> MeasureAsync(string label, string provider, string startupDb, string latenessDb, int timers, int rate, int seconds, string? threads)
    {
        var rows = new Progress();

        // 1. Start-up with N pending rows.
        using (var first = Build(provider, startupDb, threads))
        {
            await InitializeAsync(first);
            await InsertPendingTimersAsync(first, timers, DateTimeOffset.UtcNow.AddDays(30));
            await first.StartAsync();
            var startup = first.Services.GetRequiredService<SchedulerStatistics>().Startup;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {label} | start-up scheduling, {timers:N0} pending timers | {startup.Elapsed.TotalSeconds:0.00} s ({startup.Timers:N0} triggers written) | < 10 s |"));
            await first.StopAsync();
        }

        if (provider == "PostgreSql")
        {
            using var again = Build(provider, startupDb, threads);
            await InitializeAsync(again);
            await again.StartAsync();
            var startup = again.Services.GetRequiredService<SchedulerStatistics>().Startup;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {label} | restart over {timers:N0} stored triggers | {startup.Elapsed.TotalSeconds:0.00} s ({startup.Timers:N0} written) | |"));
            await again.StopAsync();
        }

        // 2. Lateness at `rate` timers/s.
        using var host = Build(provider, latenessDb, threads);
        await InitializeAsync(host);
        await host.StartAsync();
        var count = rate * seconds;
        var start = DateTimeOffset.UtcNow.AddSeconds(3 + count / 100.0);
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
            rows.Add($"| {label} | lateness at {rate}/s | no timer fired | p99 < 1 s |");
        }
        else
        {
            double P(double q) => lateness[Math.Min(lateness.Count - 1, (int)(lateness.Count * q))];
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | lateness at {rate} timers/s for {seconds} s ({statistics.TimersFired:N0}/{count:N0} fired; created in {created.TotalSeconds:0.0} s{late}) | p50 {P(0.5):0.000} s, p99 {P(0.99):0.000} s, max {lateness[^1]:0.000} s | p99 < 1 s |"));
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

    private static IHost Build(string provider, string connectionString, string? threads)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Orchestrator"] = connectionString,
            ["Scheduling:ThreadCount"] = threads,
        });
        builder.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Quartz", LogLevel.Error));
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
