using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Supervision;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>supervision-report</c> (the supervision pages' speed goals): the server time of the supervision pages' queries, through the services
/// the pages call (<see cref="JourneyMonitor"/>, <see cref="DeadlineWatch"/>), on SQLite (a temp file, WAL) and on the
/// tests' throwaway PostgreSQL. The journeys overview of <c>child-journey</c> with 10,000 running instances and 100
/// incidents; the deadlines page over 100,000 open tasks and pending timers (due from 30 days ago to 90 days ahead).
/// Rows are bulk-inserted with SQL as the commands would have written them (each instance with a 1.5 KB state
/// document and its <c>active_elements</c>). p50 / p95 of 50 calls after 10 of warm-up, each in a new scope as a
/// request would be. Prints one Markdown table.
/// </summary>
internal static class SupervisionReport
{
    private const int Instances = 10_000;
    private const int Incidents = 100;
    private const int Tasks = 50_000;
    private const int Timers = 50_000;
    private const int Warmup = 10;
    private const int Measured = 50;

    /// <summary>Where the seeded instances wait: one value of <c>active_elements</c> per instance, by <c>i % 10</c>.</summary>
    private static readonly string[] Waiting =
    [
        "|Task_Referral|", "|Task_Referral|", "|Task_Referral|",
        "|Task_FamilyTracing|Task_LifePlanDraft|Task_RestitutionPlan|", "|Task_FamilyTracing|Task_LifePlanDraft|Task_RestitutionPlan|",
        "|Task_CareDecision|", "|Call_AssistedReturn|", "|Task_ChoosePlacement|", "|Task_IntegrationPhase|", "|Task_PlacementReview|",
    ];

    private static readonly string[] TaskElements = ["Task_RestitutionPlan", "Task_LifePlanDraft", "Task_FamilyTracing", "Task_CareDecision", "Task_LifePlanEvaluation"];
    private static readonly string[] TimerElements = ["Timer_ReceptionLimit45", "Timer_ReceptionReminder30", "Timer_WeeklyMeeting", "Start_Fortnightly", "Timer_IntegrationDue"];

    public static async Task<int> RunAsync(string[] args)
    {
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--only" && i + 1 < args.Length)
            {
                foreach (var part in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    only.Add(part);
                }
            }
        }

        bool Wants(string what) => only.Count == 0 || only.Contains(what) || (!only.Overlaps(["sqlite", "postgres"]) && what is "sqlite" or "postgres");
        Console.Error.WriteLine($"supervision-report: {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}.");
        var rows = new List<string[]>();
        if (Wants("sqlite"))
        {
            var dir = Path.Combine(Path.GetTempPath(), "orchestrator-bench-supervision-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                await MeasureAsync(rows, "SQLite", DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(dir, "supervision.db"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        if (Wants("postgres"))
        {
            var server = new PostgresCluster();
            await using (server)
            {
                await server.InitializeAsync();
                await MeasureAsync(rows, "PostgreSQL", DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("supervision"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Figure | p50 / p95 (ms) | Goal |");
        Console.WriteLine("|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", r) + " |");
        }

        return 0;
    }

    private static async Task MeasureAsync(List<string[]> rows, string label, DatabaseProvider provider, string connectionString)
    {
        await using var sp = BuildServices(provider, connectionString);
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);
            var journey = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "workflows", "child-journey.bpmn"));
            await scope.ServiceProvider.GetRequiredService<WorkflowService>().DeployAsync(journey, "child-journey.bpmn", Actor.System, CancellationToken.None);
        }

        var seed = Stopwatch.StartNew();
        await SeedAsync(provider, connectionString, TimeProvider.System.GetUtcNow());
        Console.Error.WriteLine($"{label}: seeded {Instances:N0} instances, {Incidents} incidents, {Tasks:N0} tasks and {Timers:N0} timers in {seed.Elapsed.TotalSeconds:N1} s");

        var overviewCount = 0;
        rows.Add(await TimeAsync($"{label}: journeys list (every journey, running and incidents per version)", sp, async s =>
            await s.GetRequiredService<JourneyMonitor>().ListJourneysAsync(CancellationToken.None), "p95 < 200 ms"));
        rows.Add(await TimeAsync($"{label}: overview of child-journey, {Instances:N0} running, {Incidents} incidents (counts per element)", sp, async s =>
        {
            var overview = await s.GetRequiredService<JourneyMonitor>().GetOverviewAsync("child-journey", null, CancellationToken.None);
            overviewCount = overview.Running;
        }, "p95 < 200 ms"));
        rows.Add(await TimeAsync($"{label}: overview and the first 50 of the 3,000 instances waiting at Task_Referral", sp, async s =>
        {
            var monitor = s.GetRequiredService<JourneyMonitor>();
            var overview = await monitor.GetOverviewAsync("child-journey", null, CancellationToken.None);
            await monitor.ListWaitingAsync("child-journey", overview.Version, "Task_Referral", null, 50, CancellationToken.None);
        }, "p95 < 200 ms"));
        if (overviewCount != Instances)
        {
            throw new InvalidOperationException($"The overview counted {overviewCount} running instances, not {Instances}.");
        }

        var total = 0;
        rows.Add(await TimeAsync($"{label}: deadlines, next 7 days or late, first page of 100 of {Tasks + Timers:N0} tasks and timers", sp, async s =>
            total = (await s.GetRequiredService<DeadlineWatch>().ListAsync(new DeadlineQuery(), CancellationToken.None)).Total, "p95 < 200 ms"));
        Console.Error.WriteLine($"{label}: {total:N0} deadlines in the 7-day window");
        rows.Add(await TimeAsync($"{label}: deadlines, one worker's (their tasks and their journeys' timers)", sp, async s =>
            await s.GetRequiredService<DeadlineWatch>().ListAsync(new DeadlineQuery { Worker = "u-worker-7" }, CancellationToken.None), "p95 < 200 ms"));
        rows.Add(await TimeAsync($"{label}: deadlines, one case", sp, async s =>
            await s.GetRequiredService<DeadlineWatch>().ListAsync(new DeadlineQuery { CaseReference = "CA-2026-00042", Days = 90 }, CancellationToken.None), "p95 < 200 ms"));
    }

    private static async Task<string[]> TimeAsync(string name, ServiceProvider sp, Func<IServiceProvider, Task> call, string goal)
    {
        var times = new List<double>();
        for (var i = 0; i < Warmup + Measured; i++)
        {
            await using var scope = sp.CreateAsyncScope();
            var sw = Stopwatch.StartNew();
            await call(scope.ServiceProvider);
            sw.Stop();
            if (i >= Warmup)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var p50 = times[times.Count / 2];
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        Console.Error.WriteLine($"{name}: {p50:N1} / {p95:N1} ms");
        return [name, string.Create(CultureInfo.InvariantCulture, $"{p50:N1} / {p95:N1}"), goal];
    }

    private static ServiceProvider BuildServices(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Orchestrator"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddOrchestratorWorkflows(configuration);
        services.AddOptions<OrganisationOptions>();
        services.AddSupervision();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The rows: instances spread over ten waiting places (<see cref="Waiting"/>), the incidents on the first 100 of those
    /// at the placement; tasks and timers spread one per instance in turn, due every few minutes from 30 days ago on
    /// (about 30 % of them fall in the 7-day window or are late); one in ten tasks held by one of 50 workers.
    /// </summary>
    private static async Task SeedAsync(DatabaseProvider provider, string connectionString, DateTimeOffset now)
    {
        await using var c = provider == DatabaseProvider.Sqlite
            ? (DbConnection)new SqliteConnection(DatabaseProviders.PrepareSqlite(connectionString))
            : new NpgsqlConnection(DatabaseProviders.PreparePostgreSql(connectionString));
        await c.OpenAsync();
        var waiting = string.Join(" ", Waiting.Select((w, i) => $"WHEN {i} THEN '{w}'"));
        var taskElement = string.Join(" ", TaskElements.Select((e, i) => $"WHEN {i} THEN '{e}'"));
        var timerElement = string.Join(" ", TimerElements.Select((e, i) => $"WHEN {i} THEN '{e}'"));
        var step = TimeSpan.FromDays(120).Ticks / Tasks; // due dates spread over 120 days
        var start = (now - TimeSpan.FromDays(30)).UtcTicks;
        if (provider == DatabaseProvider.Sqlite)
        {
            await ExecAsync(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            await using var tx = await c.BeginTransactionAsync();
            var t0 = (now - TimeSpan.FromDays(60)).UtcTicks;
            await ExecAsync(c, $"""
                WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {Instances - 1})
                INSERT INTO process_instances (id, process_id, version, business_key, status, state, parent_id, started_at, ended_at, updated_at, row_version, active_elements)
                SELECT 'inst' || i, 'child-journey', 1, 'CA-2026-' || printf('%05d', i), 'active', hex(zeroblob(750)), NULL, {t0} + i * 10000000, NULL, {t0}, 1,
                       CASE i % 10 {waiting} END FROM s;
                WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {Incidents - 1})
                INSERT INTO incidents (id, instance_id, process_id, element_id, type, message, status, created_at, resolved_at)
                SELECT 'inst' || (i * 10 + 7) || ':i1', 'inst' || (i * 10 + 7), 'child-journey', 'Task_ChoosePlacement', 'failedJob', 'case.assignPlacement: facilityId: unknown', 'open', {t0}, NULL FROM s;
                WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {Tasks - 1})
                INSERT INTO user_tasks (id, instance_id, process_id, business_key, element_id, name, assignee, due_at, due_sort, follow_up_at, priority, form_key, external_recipient, created_at, status, ended_at, ended_by)
                SELECT 'inst' || (i % {Instances}) || ':t' || i, 'inst' || (i % {Instances}), 'child-journey', 'CA-2026-' || printf('%05d', i % {Instances}),
                       CASE i % 5 {taskElement} END, NULL, CASE WHEN i % 10 = 0 THEN 'u-worker-' || (i % 50) ELSE NULL END,
                       {start} + i * {step}, {start} + i * {step}, NULL, 50, NULL, NULL, {t0}, 'open', NULL, NULL FROM s;
                INSERT INTO user_task_candidates (task_id, kind, name, offered, due_sort, priority, created_at)
                SELECT id, 'group', 'social-worker', assignee IS NULL, due_sort, priority, created_at FROM user_tasks;
                WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {Timers - 1})
                INSERT INTO timers (id, instance_id, process_id, process_version, element_id, due_at, repetitions, cycle, status, created_at, fired_at)
                SELECT 'inst' || (i % {Instances}) || ':m' || i, 'inst' || (i % {Instances}), 'child-journey', 1, CASE i % 5 {timerElement} END,
                       {start} + i * {step} + 1, 0, NULL, 'pending', {t0}, NULL FROM s;
                """, tx);
            await tx.CommitAsync();
            await ExecAsync(c, "ANALYZE");
        }
        else
        {
            var t0 = now - TimeSpan.FromDays(60);
            var startAt = now - TimeSpan.FromDays(30);
            var stepSeconds = step / (double)TimeSpan.TicksPerSecond;
            string Ts(DateTimeOffset at) => "timestamptz '" + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00'";
            await ExecAsync(c, $"""
                INSERT INTO process_instances (id, process_id, version, business_key, status, state, parent_id, started_at, ended_at, updated_at, row_version, active_elements)
                SELECT 'inst' || i, 'child-journey', 1, 'CA-2026-' || lpad(i::text, 5, '0'), 'active', repeat('0', 1500), NULL, {Ts(t0)} + i * interval '1 second', NULL, {Ts(t0)}, 1,
                       CASE i % 10 {waiting} END FROM generate_series(0, {Instances - 1}) AS i;
                INSERT INTO incidents (id, instance_id, process_id, element_id, type, message, status, created_at, resolved_at)
                SELECT 'inst' || (i * 10 + 7) || ':i1', 'inst' || (i * 10 + 7), 'child-journey', 'Task_ChoosePlacement', 'failedJob', 'case.assignPlacement: facilityId: unknown', 'open', {Ts(t0)}, NULL
                FROM generate_series(0, {Incidents - 1}) AS i;
                INSERT INTO user_tasks (id, instance_id, process_id, business_key, element_id, name, assignee, due_at, due_sort, follow_up_at, priority, form_key, external_recipient, created_at, status, ended_at, ended_by)
                SELECT 'inst' || (i % {Instances}) || ':t' || i, 'inst' || (i % {Instances}), 'child-journey', 'CA-2026-' || lpad((i % {Instances})::text, 5, '0'),
                       CASE i % 5 {taskElement} END, NULL, CASE WHEN i % 10 = 0 THEN 'u-worker-' || (i % 50) ELSE NULL END,
                       {Ts(startAt)} + i * {stepSeconds.ToString(CultureInfo.InvariantCulture)} * interval '1 second', {start}::bigint + i::bigint * {step}, NULL, 50, NULL, NULL, {Ts(t0)}, 'open', NULL, NULL
                FROM generate_series(0, {Tasks - 1}) AS i;
                INSERT INTO user_task_candidates (task_id, kind, name, offered, due_sort, priority, created_at)
                SELECT id, 'group', 'social-worker', assignee IS NULL, due_sort, priority, created_at FROM user_tasks;
                INSERT INTO timers (id, instance_id, process_id, process_version, element_id, due_at, repetitions, cycle, status, created_at, fired_at)
                SELECT 'inst' || (i % {Instances}) || ':m' || i, 'inst' || (i % {Instances}), 'child-journey', 1, CASE i % 5 {timerElement} END,
                       {Ts(startAt)} + (i * {stepSeconds.ToString(CultureInfo.InvariantCulture)} + 1) * interval '1 second', 0, NULL, 'pending', {Ts(t0)}, NULL
                FROM generate_series(0, {Timers - 1}) AS i;
                """);
            foreach (var table in new[] { "process_instances", "incidents", "user_tasks", "user_task_candidates", "timers" })
            {
                await ExecAsync(c, "VACUUM ANALYZE " + table); // what autovacuum does soon after a bulk load
            }
        }
    }

    private static async Task ExecAsync(DbConnection c, string sql, DbTransaction? tx = null)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = 300;
        await cmd.ExecuteNonQueryAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }
}
