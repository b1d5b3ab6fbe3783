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
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>service-report</c> (the durable service's speed goals): the durable service through <see cref="WorkflowService"/> (the real path,
/// one transaction per command, the host's own registration <c>AddOrchestratorWorkflows(configuration)</c>) on SQLite
/// (a temp file, WAL) and on a throwaway PostgreSQL (the tests' settings), side by side with the database's raw rate for
/// one equivalent transaction (insert one row + update one row, plain ADO.NET, same connection string), pgbench
/// <c>-N</c> against the same server, the inbox query with 100,000 open tasks, and the memory over many engine steps.
/// Prints one Markdown table. Plain Stopwatch, a warm-up before each figure; figures are noisy on a shared machine,
/// compare the ratios.
/// </summary>
internal static class ServiceReport
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:benchmarks" id="Defs_Bench">
          <bpmn:process id="Bench" name="Start, one user task, end" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Task_Review" name="Review the file" orc:candidateGroups="lawyer" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Review" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Actor Lawyer = new("u-lawyer", "Lucía Lawyer", new HashSet<string>(["lawyer"], StringComparer.Ordinal));
    private static readonly Actor InboxUser = new("u-inbox", "Inés Inbox", new HashSet<string>(["group-3", "group-7"], StringComparer.Ordinal));

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 3.0;
        var memorySteps = 1_000_000;
        var loopRounds = 50;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (args.Contains("--profile"))
        {
            await ProfileAsync();
            return 0;
        }

        if (args.Contains("--sql"))
        {
            await ShowSqlAsync();
            return 0;
        }

        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length:
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--memory-steps" when i + 1 < args.Length:
                    memorySteps = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--loop" when i + 1 < args.Length:
                    loopRounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--only" when i + 1 < args.Length:
                    foreach (var part in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        only.Add(part);
                    }

                    break;
            }
        }

        bool Wants(string part) => only.Count == 0 || only.Contains(part);

        // Databases (sqlite, postgres) and figures (commands, inbox, memory) are chosen apart: "--only postgres,inbox"
        // is the inbox on PostgreSQL alone. Naming no figure keeps the old meaning (commands and inbox).
        var figureNamed = only.Overlaps(["commands", "inbox"]);
        bool WantsFigure(string figure) => only.Count == 0 || only.Contains(figure) || (!figureNamed && figure is "commands" or "inbox");
        Console.Error.WriteLine($"service-report: {seconds} s per figure, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}.");
        var rows = new List<string[]>();

        if (Wants("sqlite"))
        {
            var dir = Path.Combine(Path.GetTempPath(), "orchestrator-bench-sqlite-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                var cs = "Data Source=" + Path.Combine(dir, "bench.db");
                if (WantsFigure("commands"))
                {
                    await CommandRowsAsync(rows, "SQLite", DatabaseProvider.Sqlite, cs, seconds, workers: [1]);
                }

                if (WantsFigure("inbox"))
                {
                    await InboxRowsAsync(rows, "SQLite", DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(dir, "inbox.db"));
                }
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

        if (Wants("postgres") || Wants("memory"))
        {
            var server = new PostgresCluster();
            await using (server)
            {
                await server.InitializeAsync();
                if (Wants("postgres"))
                {
                    if (WantsFigure("commands"))
                    {
                        var cs = await server.CreateDatabaseAsync("bench");
                        await CommandRowsAsync(rows, "PostgreSQL", DatabaseProvider.PostgreSql, cs, seconds, workers: [1, 8]);
                        var pgbench = await PgBenchAsync(server, seconds);
                        rows.Add(["PostgreSQL: pgbench -N (simple-update) 1 / 8 connections (tx/s)", pgbench, "-", "-", "reference (≈1,500 / 3,200 measured earlier)"]);
                    }

                    if (WantsFigure("inbox"))
                    {
                        await InboxRowsAsync(rows, "PostgreSQL", DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("inbox"));
                    }
                }

                if (Wants("memory"))
                {
                    await MemoryRowsAsync(rows, DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("memory"), memorySteps, loopRounds);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Figure | Ours | Reference (same run) | Ratio | Goal |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", r) + " |");
        }

        return 0;
    }

    // ------------------------------------------------------------------ commands/s

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

    // ------------------------------------------------------------------ the raw reference

    private static DbConnection Connect(DatabaseProvider provider, string connectionString) => provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(DatabaseProviders.PrepareSqlite(connectionString))
        : new NpgsqlConnection(DatabaseProviders.PreparePostgreSql(connectionString));

    private static async Task ExecAsync(DbConnection c, string sql, DbTransaction? tx = null)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task RawSetupAsync(DatabaseProvider provider, string connectionString)
    {
        await using var c = Connect(provider, connectionString);
        await c.OpenAsync();
        await ExecAsync(c, "DROP TABLE IF EXISTS bench_counter; DROP TABLE IF EXISTS bench_log;");
        await ExecAsync(c, "CREATE TABLE bench_counter (id integer PRIMARY KEY, n bigint NOT NULL, updated_at bigint NOT NULL)");
        await ExecAsync(c, "CREATE TABLE bench_log (id varchar(100) PRIMARY KEY, counter_id integer NOT NULL, at bigint NOT NULL, payload text NOT NULL)");
        for (var i = 0; i < 100; i++)
        {
            await ExecAsync(c, $"INSERT INTO bench_counter (id, n, updated_at) VALUES ({i}, 0, 0)");
        }
    }

    /// <summary>One transaction per iteration: open a pooled connection (as EF does per command), begin, insert one row, update one row, commit.</summary>
    private static async Task<double> RawRateAsync(DatabaseProvider provider, string connectionString, double seconds, int workers)
    {
        // The connection string the service's DbContext uses (busy timeout on SQLite; auto-prepare on PostgreSQL).
        connectionString = provider == DatabaseProvider.Sqlite ? DatabaseProviders.PrepareSqlite(connectionString) : DatabaseProviders.PreparePostgreSql(connectionString);
        var sw = Stopwatch.StartNew();
        var count = 0;
        var payload = new string('x', 200);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            await Task.Yield();
            var random = new Random(w);
            while (sw.Elapsed.TotalSeconds < seconds)
            {
                await using var c = provider == DatabaseProvider.Sqlite ? (DbConnection)new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
                await c.OpenAsync();
                if (provider == DatabaseProvider.Sqlite)
                {
                    await ExecAsync(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
                }

                await RawTransactionAsync(c, random, payload);
                Interlocked.Increment(ref count);
            }
        }));
        return count / sw.Elapsed.TotalSeconds;
    }

    /// <summary>The reference transaction: begin, insert one row, update one row, commit.</summary>
    private static async Task RawTransactionAsync(DbConnection c, Random random, string payload)
    {
        await using var tx = await c.BeginTransactionAsync();
        await using (var insert = c.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO bench_log (id, counter_id, at, payload) VALUES (@id, @c, @at, @p)";
            Add(insert, "@id", Guid.NewGuid().ToString("N"));
            Add(insert, "@c", random.Next(100));
            Add(insert, "@at", DateTime.UtcNow.Ticks);
            Add(insert, "@p", payload);
            await insert.ExecuteNonQueryAsync();
        }

        await using (var update = c.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = "UPDATE bench_counter SET n = n + 1, updated_at = @at WHERE id = @id";
            Add(update, "@id", random.Next(100));
            Add(update, "@at", DateTime.UtcNow.Ticks);
            await update.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static async Task<string> PgBenchAsync(PostgresCluster server, double seconds)
    {
        var pgbench = Path.Combine(server.BinDir, "pgbench");
        if (!File.Exists(pgbench))
        {
            return "pgbench not found";
        }

        var cs = await server.CreateDatabaseAsync("pgbench");
        var db = new NpgsqlConnectionStringBuilder(cs).Database!;
        var env = $"PGPASSWORD={PostgresCluster.SuperPassword}";
        var common = $"-h 127.0.0.1 -p {server.Port} -U postgres";
        var init = await PostgresCluster.RunAsync("/usr/bin/env", [env, pgbench, .. common.Split(' '), "-i", "-q", db], asPostgres: false, TimeSpan.FromMinutes(2));
        if (init.ExitCode != 0)
        {
            return "pgbench -i failed: " + init.Output.ReplaceLineEndings(" ");
        }

        var results = new List<string>();
        foreach (var clients in new[] { 1, 8 })
        {
            var t = Math.Max(2, (int)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture);
            var run = await PostgresCluster.RunAsync("/usr/bin/env", [env, pgbench, .. common.Split(' '), "-N", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture), "-T", t, db], asPostgres: false, TimeSpan.FromMinutes(2));
            var line = run.Output.Split('\n').FirstOrDefault(l => l.StartsWith("tps", StringComparison.Ordinal));
            results.Add(line is null ? "?" : double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture));
        }

        return string.Join(" / ", results);
    }

    // ------------------------------------------------------------------ inbox

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

    // ------------------------------------------------------------------ memory

    /// <summary>
    /// The memory run's process: a FEEL script and a gateway that loop <c>rounds</c> times inside the start command,
    /// then a user task. Many engine steps per command is what makes 1,000,000 steps a run of minutes on this machine.
    /// </summary>
    private static string LoopBpmn(int rounds) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:benchmarks" id="Defs_Loop">
          <bpmn:process id="Loop" name="A script loop, then one user task" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Script_Count" name="Count" scriptFormat="feel" orc:resultVariable="n"><bpmn:script>= n + 1</bpmn:script></bpmn:scriptTask>
            <bpmn:exclusiveGateway id="Gateway_Again" default="F_Done" />
            <bpmn:userTask id="Task_Review" name="Review the count" orc:candidateGroups="lawyer" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F_Start" sourceRef="Start" targetRef="Script_Count" />
            <bpmn:sequenceFlow id="F_Check" sourceRef="Script_Count" targetRef="Gateway_Again" />
            <bpmn:sequenceFlow id="F_Again" sourceRef="Gateway_Again" targetRef="Script_Count">
              <bpmn:conditionExpression xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="bpmn:tFormalExpression">= n &lt; {{rounds}}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F_Done" sourceRef="Gateway_Again" targetRef="Task_Review" />
            <bpmn:sequenceFlow id="F_End" sourceRef="Task_Review" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>
    /// RSS over many engine steps. A step is one element the engine executed to completion, i.e. one
    /// <c>ElementCompleted</c> history row (counted in the database, not assumed). Each instance: a start command that
    /// loops (2 × rounds + 2 steps), a task query, a completion (2 steps); 4 workers. RSS and GC heap are sampled about
    /// 40 times; the slope is the least-squares fit over the samples after the first 10 % (warm-up: JIT, pools, caches).
    /// </summary>
    private static async Task MemoryRowsAsync(List<string[]> rows, DatabaseProvider provider, string connectionString, int steps, int rounds)
    {
        await using var sp = BuildServices(provider, connectionString);
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<WorkflowService>().DeployAsync(LoopBpmn(rounds), "loop.bpmn", Actor.System, CancellationToken.None);
        }

        async Task<string> RunOneAsync()
        {
            string id;
            await using (var scope = sp.CreateAsyncScope())
            {
                id = await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("Loop", new JsonObject { ["n"] = 0 }, null, Lawyer, CancellationToken.None);
            }

            await using (var scope = sp.CreateAsyncScope())
            {
                var service = scope.ServiceProvider.GetRequiredService<WorkflowService>();
                var task = (await service.ListTasksAsync(new TaskQuery(id), Lawyer, CancellationToken.None)).Single();
                await service.CompleteAsync(task.Id, null, Lawyer, CancellationToken.None);
            }

            return id;
        }

        async Task<long> CompletedElementsAsync(string? instanceId)
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var q = db.History.AsNoTracking().Where(h => h.Type == nameof(HistoryEventType.ElementCompleted));
            return await (instanceId is null ? q : q.Where(h => h.InstanceId == instanceId)).LongCountAsync();
        }

        var perInstance = await CompletedElementsAsync(await RunOneAsync());
        var instances = (int)Math.Max(1, (steps + perInstance - 1) / perInstance);
        Console.Error.WriteLine($"memory: {perInstance} steps (completed elements) per instance, {instances:N0} instances for {steps:N0} steps");
        var sampleEvery = Math.Max(1, instances / 40);
        var samples = new List<(long Steps, double RssMb, double HeapMb, double Seconds)>();
        var sw = Stopwatch.StartNew();
        const int Workers = 4;
        var next = 1;
        var done = 1;
        var sampleLock = new Lock();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            await Task.Yield();
            while (Interlocked.Increment(ref next) <= instances)
            {
                await RunOneAsync();
                var d = Interlocked.Increment(ref done);
                if (d % sampleEvery == 0)
                {
                    var sample = (d * perInstance, Environment.WorkingSet / 1048576.0, GC.GetTotalMemory(false) / 1048576.0, sw.Elapsed.TotalSeconds);
                    lock (sampleLock)
                    {
                        samples.Add(sample);
                    }

                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"memory: {sample.Item1,11:N0} steps  RSS {sample.Item2,7:N1} MB  GC heap {sample.Item3,7:N1} MB  {sample.Item4,6:N0} s"));
                }
            }
        }));
        var elapsed = sw.Elapsed.TotalSeconds;
        var counted = await CompletedElementsAsync(null);
        samples.Sort((a, b) => a.Steps.CompareTo(b.Steps));
        var measured = samples.Where(x => x.Steps > counted / 10).ToList();
        var rssSlope = Slope(measured.Select(x => ((double)x.Steps, x.RssMb)).ToList()) * 100_000;
        var heapSlope = Slope(measured.Select(x => ((double)x.Steps, x.HeapMb)).ToList()) * 100_000;
        var first = measured[0];
        var last = measured[^1];
        rows.Add([string.Create(CultureInfo.InvariantCulture,
                $"Memory over {counted:N0} engine steps (completed elements, counted in history; {instances:N0} instances of a {rounds}-round loop, {perInstance} steps each, through the service on PostgreSQL, 4 workers, {elapsed:N0} s)"),
            string.Create(CultureInfo.InvariantCulture,
                $"RSS {first.RssMb:N0} MB at {first.Steps:N0} steps → {last.RssMb:N0} MB at {last.Steps:N0} (max {measured.Max(x => x.RssMb):N0}), slope {rssSlope:+0.0;-0.0} MB/100k steps; GC heap slope {heapSlope:+0.0;-0.0} MB/100k steps"),
            "-", "-", "flat RSS over 1,000,000 steps"]);
    }

    private static double Slope(List<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var num = points.Sum(p => (p.X - mx) * (p.Y - my));
        var den = points.Sum(p => (p.X - mx) * (p.X - mx));
        return den == 0 ? 0 : num / den;
    }

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double ours, double reference) => reference > 0 ? (ours / reference).ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
