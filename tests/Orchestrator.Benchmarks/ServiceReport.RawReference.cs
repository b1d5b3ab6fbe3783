using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Persistence;

namespace Orchestrator.Benchmarks;

// The raw reference: the database's own rate for one equivalent transaction (plain ADO.NET), and pgbench.
internal static partial class ServiceReport
{
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
}
