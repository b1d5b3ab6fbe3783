using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Benchmarks;

// The inbox figure: the task-list query over 100,000 open tasks, and its query plan.
internal static partial class ServiceReport
{
    private static async Task InboxRowsAsync(List<string[]> rows, string label, DatabaseProvider provider, string connectionString)
    {
        await using var sp = BuildServices(provider, connectionString);
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);
        }

        var seed = Stopwatch.StartNew();
        await SeedInboxTasksAsync(provider, connectionString);
        Console.Error.WriteLine($"{label} inbox: seeded 100,000 tasks in {seed.Elapsed.TotalSeconds:N1} s");
        var coordinator = new Actor("u-coord", "Carla Coordinator", new HashSet<string>([Actor.CoordinatorRole], StringComparer.Ordinal));
        var cases = new (string Name, Actor Actor, int Limit, int Skip)[]
        {
            ("a person in 2 groups, page of 1,000", InboxUser, 1000, 0),
            ("a person in 2 groups, page of 100 (the API default)", InboxUser, 100, 0),
            ("a person in 2 groups, 6th page of 100 (after cursor)", InboxUser, 100, 5),
            ("a coordinator (sees all), page of 1,000", coordinator, 1000, 0),
        };
        foreach (var (name, actor, limit, skip) in cases)
        {
            string? after = null;
            for (var p = 0; p < skip; p++)
            {
                await using var scope = sp.CreateAsyncScope();
                after = (await scope.ServiceProvider.GetRequiredService<WorkflowService>().ListTaskPageAsync(new TaskQuery { Limit = limit, After = after }, actor, CancellationToken.None)).Next;
            }

            var times = new List<double>();
            var count = 0;
            for (var i = 0; i < 60; i++)
            {
                await using var scope = sp.CreateAsyncScope();
                var service = scope.ServiceProvider.GetRequiredService<WorkflowService>();
                var sw = Stopwatch.StartNew();
                var page = await service.ListTaskPageAsync(new TaskQuery { Limit = limit, After = after }, actor, CancellationToken.None);
                sw.Stop();
                count = page.Tasks.Count;
                if (i >= 10)
                {
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            var p50 = times[times.Count / 2];
            var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
            rows.Add([$"{label} inbox: 100,000 open tasks, 20 groups, {name} ({count} rows): p50 / p95 (ms)",
                string.Create(CultureInfo.InvariantCulture, $"{p50:N1} / {p95:N1}"), "-", "-", "p95 < 50 ms"]);
        }

        if (provider == DatabaseProvider.PostgreSql)
        {
            await ExplainAsync(sp, connectionString);
        }
    }

    /// <summary>
    /// 100,000 open tasks across 20 groups (<c>group-0</c> … <c>group-19</c>, one candidate group each), 10% claimed by
    /// someone, a due date on half; bulk SQL into a migrated database. Shared by the inbox figures here and the inbox
    /// page of <see cref="WorkspaceReport"/>.
    /// </summary>
    internal static async Task SeedInboxTasksAsync(DatabaseProvider provider, string connectionString)
    {
        await using (var c = Connect(provider, connectionString))
        {
            await c.OpenAsync();
            if (provider == DatabaseProvider.Sqlite)
            {
                await ExecAsync(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
                await using var tx = await c.BeginTransactionAsync();
                var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
                await ExecAsync(c, $"""
                    WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 99999)
                    INSERT INTO user_tasks (id, instance_id, process_id, business_key, element_id, name, assignee, due_at, due_sort, follow_up_at, priority, form_key, external_recipient, created_at, status, ended_at, ended_by)
                    SELECT 'inst' || i || ':1', 'inst' || i, 'Bench', NULL, 'Task_Review', 'Review the file',
                           CASE WHEN i % 10 = 0 THEN 'u-other' || (i % 50) ELSE NULL END,
                           CASE WHEN i % 2 = 0 THEN {t0} + i * 6000000000 ELSE NULL END,
                           CASE WHEN i % 2 = 0 THEN {t0} + i * 6000000000 ELSE 9223372036854775807 END, NULL, 50, NULL, NULL, {t0} + i * 10000000, 'open', NULL, NULL FROM s
                    """, tx);
                await ExecAsync(c, """
                    INSERT INTO user_task_candidates (task_id, kind, name, offered, due_sort, priority, created_at)
                    SELECT id, 'group', 'group-' || (CAST(substr(instance_id, 5) AS INTEGER) % 20), assignee IS NULL, due_sort, priority, created_at FROM user_tasks WHERE process_id = 'Bench'
                    """, tx);
                await tx.CommitAsync();
                await ExecAsync(c, "ANALYZE");
            }
            else
            {
                await ExecAsync(c, """
                    INSERT INTO user_tasks (id, instance_id, process_id, business_key, element_id, name, assignee, due_at, due_sort, follow_up_at, priority, form_key, external_recipient, created_at, status, ended_at, ended_by)
                    SELECT 'inst' || i || ':1', 'inst' || i, 'Bench', NULL, 'Task_Review', 'Review the file',
                           CASE WHEN i % 10 = 0 THEN 'u-other' || (i % 50) ELSE NULL END,
                           CASE WHEN i % 2 = 0 THEN timestamptz '2026-01-01' + i * interval '10 minutes' ELSE NULL END,
                           CASE WHEN i % 2 = 0 THEN 639028224000000000 + i::bigint * 6000000000 ELSE 9223372036854775807 END, NULL, 50, NULL, NULL,
                           timestamptz '2026-01-01' + i * interval '1 second', 'open', NULL, NULL
                    FROM generate_series(0, 99999) AS i;
                    INSERT INTO user_task_candidates (task_id, kind, name, offered, due_sort, priority, created_at)
                    SELECT id, 'group', 'group-' || (substr(instance_id, 5)::int % 20), assignee IS NULL, due_sort, priority, created_at FROM user_tasks WHERE process_id = 'Bench';
                    """);
                await ExecAsync(c, "VACUUM ANALYZE user_tasks"); // what autovacuum does soon after a bulk load
                await ExecAsync(c, "VACUUM ANALYZE user_task_candidates");
            }
        }
    }

    /// <summary>Prints EXPLAIN ANALYZE of one part of a person's inbox (the same LINQ as <see cref="WorkflowService.ListTaskPageAsync"/> runs per group).</summary>
    private static async Task ExplainAsync(ServiceProvider sp, string connectionString)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var sql = db.TaskCandidates.AsNoTracking().Where(c => c.Kind == CandidateKinds.Group && c.Name == "group-3" && c.Offered)
            .OrderBy(c => c.DueSort).ThenByDescending(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.TaskId)
            .Take(1001).Select(c => new { c.DueSort, c.Priority, c.CreatedAt, c.TaskId }).ToQueryString();
        Console.Error.WriteLine("Inbox query (PostgreSQL, one group's part of a person's page, as ListTaskPageAsync runs it):");
        Console.Error.WriteLine(sql);
        // ToQueryString declares the parameters as SQL variables in comments; inline them for EXPLAIN.
        var lines = sql.Split('\n');
        var body = string.Join('\n', lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        foreach (var l in lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal)))
        {
            var eq = l.IndexOf('=', StringComparison.Ordinal);
            var name = l[3..eq].Trim();
            var value = l[(eq + 1)..].Trim();
            if (value.IndexOf(" (", StringComparison.Ordinal) is var cut and > 0)
            {
                value = value[..cut];
            }

            if (value.StartsWith('{'))
            {
                value = "ARRAY[" + string.Join(",", value.Trim('{', '}').Split(',').Select(v => "'" + v.Trim().Trim('\'') + "'")) + "]::varchar[]";
            }

            body = body.Replace(name, value, StringComparison.Ordinal);
        }

        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + body;
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync();
            Console.Error.WriteLine("EXPLAIN ANALYZE:");
            while (await reader.ReadAsync())
            {
                Console.Error.WriteLine("  " + reader.GetString(0));
            }
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine("EXPLAIN failed: " + e.MessageText + "\n" + body);
        }
    }
}
