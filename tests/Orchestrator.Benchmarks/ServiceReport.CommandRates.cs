using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Benchmarks;

// The commands/s figures: starts and completions through WorkflowService, the write volume per command, a profile.
internal static partial class ServiceReport
{
    /// <summary><c>--profile</c>: where a start's time goes on SQLite (engine alone, scope, the whole command).</summary>
    private static async Task ProfileAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "orchestrator-bench-prof-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            await using var sp = BuildServices(DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(dir, "p.db"));
            await using (var scope = sp.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<WorkflowService>().DeployAsync(Bpmn, "bench.bpmn", Actor.System, CancellationToken.None);
            }

            var runtime = sp.GetRequiredService<WorkflowRuntime>();
            for (var round = 0; round < 3; round++)
            {
                const int N = 1000;
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < N; i++)
                {
                    var r = runtime.Engine.Execute(null, new StartInstance("Bench") { InstanceId = Guid.NewGuid().ToString("N"), Version = 1, UserId = "u" });
                    _ = r.State.ToJson();
                }

                var engine = sw.Elapsed.TotalMilliseconds * 1000 / N;
                sw.Restart();
                for (var i = 0; i < N; i++)
                {
                    await using var scope = sp.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                    _ = await db.Definitions.AsNoTracking().CountAsync();
                }

                var scopeQuery = sw.Elapsed.TotalMilliseconds * 1000 / N;
                sw.Restart();
                for (var i = 0; i < N; i++)
                {
                    await using var scope = sp.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                    await using var tx = await db.Database.BeginTransactionAsync();
                    db.History.Add(new HistoryRecord { At = DateTimeOffset.UtcNow, Type = "X", InstanceId = "i" });
                    db.History.Add(new HistoryRecord { At = DateTimeOffset.UtcNow, Type = "Y", InstanceId = "i" });
                    await db.SaveChangesAsync();
                    await tx.CommitAsync();
                }

                var efTx = sw.Elapsed.TotalMilliseconds * 1000 / N;
                sw.Restart();
                for (var i = 0; i < N; i++)
                {
                    await using var scope = sp.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("Bench", null, null, Lawyer, CancellationToken.None);
                }

                var start = sw.Elapsed.TotalMilliseconds * 1000 / N;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"µs per op: engine start+ToJson {engine:N0}; scope+count query {scopeQuery:N0}; scope+tx+2 history inserts {efTx:N0}; StartAsync {start:N0}"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary><c>--sql</c>: the SQL of one start and one completion on SQLite (EF's command log), to count round trips.</summary>
    private static async Task ShowSqlAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "orchestrator-bench-sql-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var cs = "Data Source=" + Path.Combine(dir, "sql.db");
            await using var sp = BuildServices(DatabaseProvider.Sqlite, cs, logSql: true);
            await using (var scope = sp.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<WorkflowService>().DeployAsync(Bpmn, "bench.bpmn", Actor.System, CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("Bench", null, null, Lawyer, CancellationToken.None);
            }

            Console.Error.WriteLine("======== START");
            string id;
            await using (var scope = sp.CreateAsyncScope())
            {
                id = await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("Bench", null, null, Lawyer, CancellationToken.None);
            }

            var task = (await OpenTaskIdsAsync(sp)).First(t => t.StartsWith(id, StringComparison.Ordinal));
            Console.Error.WriteLine("======== COMPLETE");
            await using (var scope = sp.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<WorkflowService>().CompleteAsync(task, null, Lawyer, CancellationToken.None);
            }

            Console.Error.WriteLine("======== END");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static ServiceProvider BuildServices(DatabaseProvider provider, string connectionString, JobHandlerRegistry? handlers = null, bool logSql = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Orchestrator"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            if (logSql)
            {
                b.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft.EntityFrameworkCore.Database", LogLevel.Debug).AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.Debug);
            }
        });
        if (handlers is not null)
        {
            services.AddSingleton(handlers);
        }

        services.AddOrchestratorWorkflows(configuration);
        if (Environment.GetEnvironmentVariable("ORCHESTRATOR_BENCH_TASK_EFFECTS") == "1")
        {
            // What the host adds to every command for the staff workspace (drafts deleted, the live change feed), to
            // measure its cost: ORCHESTRATOR_BENCH_TASK_EFFECTS=1 … service-report --only sqlite,commands.
            services.AddSingleton<Orchestrator.Tasks.TaskChangeFeed>();
            services.AddScoped<IWorkflowEffects, Orchestrator.Tasks.TaskChangeEffects>();
        }

        return services.BuildServiceProvider();
    }

    private static async Task CommandRowsAsync(List<string[]> rows, string label, DatabaseProvider provider, string connectionString, double seconds, int[] workers)
    {
        await using var sp = BuildServices(provider, connectionString);
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<WorkflowService>().DeployAsync(Bpmn, "bench.bpmn", Actor.System, CancellationToken.None);
        }

        await RawSetupAsync(provider, connectionString);
        foreach (var n in workers)
        {
            // Warm-up (JIT, pools, plans), then the figures: raw, starts, completions, raw again (drift check).
            await RawRateAsync(provider, connectionString, 0.5, n);
            await StartRateAsync(sp, 0.5, n);
            var raw1 = await RawRateAsync(provider, connectionString, seconds / 2, n);
            var (starts, _) = await StartRateAsync(sp, seconds, n);
            var open = await OpenTaskIdsAsync(sp);
            var completes = await CompleteRateAsync(sp, open, seconds, n);
            var raw2 = await RawRateAsync(provider, connectionString, seconds / 2, n);
            var raw = (raw1 + raw2) / 2;
            var rawLabel = string.Create(CultureInfo.InvariantCulture, $"raw insert+update tx: {raw:N0}/s ({raw1:N0}, {raw2:N0})");
            var w = n == 1 ? "1 worker" : $"{n} workers";
            rows.Add([$"{label}, {w}: start to first wait state (commands/s)", Rate(starts), rawLabel, Ratio(starts, raw), provider == DatabaseProvider.PostgreSql ? ">= 0.5 and >= 1,000/s" : ">= 0.5"]);
            rows.Add([$"{label}, {w}: complete task (commands/s)", Rate(completes), rawLabel, Ratio(completes, raw), ">= 0.5"]);
        }

        rows.Add(await WriteVolumeRowAsync(sp, label, provider, connectionString));
    }

    /// <summary>
    /// What one command writes, next to the raw transaction, measured in the database's own unit: SQLite pages written
    /// to the WAL by the connection (<c>SQLITE_DBSTATUS_CACHE_WRITE</c>), PostgreSQL WAL bytes (<c>pg_current_wal_lsn</c>
    /// before and after). 200 of each, one after the other; this is why the ratio is where it is.
    /// </summary>
    private static async Task<string[]> WriteVolumeRowAsync(ServiceProvider sp, string label, DatabaseProvider provider, string connectionString)
    {
        const int N = 200;
        var sqlite = provider == DatabaseProvider.Sqlite;
        var payload = new string('x', 200);
        var random = new Random(7);

        // Each command runs on a connection opened first, so that SQLite's counter is read on the connection it uses
        // (a command's scope: its DbContext's connection).
        async Task<double> PerCommandAsync(Func<Task<(DbConnection Connection, IAsyncDisposable Owner)>> open, Func<Task> command)
        {
            var walBefore = sqlite ? 0 : await WalBytesAsync(connectionString);
            long pages = 0;
            for (var i = 0; i < N; i++)
            {
                var (connection, owner) = await open();
                await using (owner)
                {
                    var before = sqlite ? CachePagesWritten(connection) : 0;
                    await command();
                    pages += sqlite ? CachePagesWritten(connection) - before : 0;
                }
            }

            return (sqlite ? pages : await WalBytesAsync(connectionString) - walBefore) / (double)N;
        }

        DbConnection? rawConnection = null;
        var raw = await PerCommandAsync(async () =>
        {
            rawConnection = Connect(provider, connectionString);
            await rawConnection.OpenAsync();
            return (rawConnection, rawConnection);
        }, () => RawTransactionAsync(rawConnection!, random, payload));

        AsyncServiceScope scope = default;
        async Task<(DbConnection, IAsyncDisposable)> OpenScopeAsync()
        {
            scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            await db.Database.OpenConnectionAsync();
            return (db.Database.GetDbConnection(), scope);
        }

        var start = await PerCommandAsync(OpenScopeAsync, () => scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("Bench", null, null, Lawyer, CancellationToken.None));
        var tasks = await OpenTaskIdsAsync(sp);
        var complete = await PerCommandAsync(OpenScopeAsync, () => scope.ServiceProvider.GetRequiredService<WorkflowService>().CompleteAsync(tasks.Dequeue(), null, Lawyer, CancellationToken.None));
        var unit = sqlite ? "pages" : "WAL bytes";
        return [$"{label}: {unit} written per command (start / complete; {N} each, one worker)", $"{start:N1} / {complete:N1}", $"raw insert+update tx: {raw:N1}", $"{start / raw:0.0}x / {complete / raw:0.0}x the raw", "(why the ratio is where it is)"];
    }

    private static long CachePagesWritten(DbConnection connection)
    {
        SQLitePCL.raw.sqlite3_db_status(((SqliteConnection)connection).Handle!, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var current, out _, 0);
        return current;
    }

    private static async Task<long> WalBytesAsync(string connectionString)
    {
        await using var c = new NpgsqlConnection(DatabaseProviders.PreparePostgreSql(connectionString));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<(double Rate, List<string> Ids)> StartRateAsync(ServiceProvider sp, double seconds, int workers)
    {
        var ids = new List<string>();
        var sw = Stopwatch.StartNew();
        var count = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            await Task.Yield();
            while (sw.Elapsed.TotalSeconds < seconds)
            {
                await using var scope = sp.CreateAsyncScope();
                var id = await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("Bench", new JsonObject { ["caseId"] = w }, null, Lawyer, CancellationToken.None);
                Interlocked.Increment(ref count);
            }
        }));
        return (count / sw.Elapsed.TotalSeconds, ids);
    }

    private static async Task<Queue<string>> OpenTaskIdsAsync(ServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return new Queue<string>(await db.Tasks.AsNoTracking().Where(t => t.Status == TaskStatuses.Open).Select(t => t.Id).ToListAsync());
    }

    private static async Task<double> CompleteRateAsync(ServiceProvider sp, Queue<string> open, double seconds, int workers)
    {
        var sw = Stopwatch.StartNew();
        var count = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            await Task.Yield();
            while (sw.Elapsed.TotalSeconds < seconds)
            {
                string? id;
                lock (open)
                {
                    open.TryDequeue(out id);
                }

                if (id is null)
                {
                    break;
                }

                await using var scope = sp.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WorkflowService>().CompleteAsync(id, new JsonObject { ["ok"] = true }, Lawyer, CancellationToken.None);
                Interlocked.Increment(ref count);
            }
        }));
        if (open.Count == 0)
        {
            Console.Error.WriteLine("note: complete-task ran out of open tasks before the time was up (rate over the time it ran)");
        }

        return count / sw.Elapsed.TotalSeconds;
    }
}
