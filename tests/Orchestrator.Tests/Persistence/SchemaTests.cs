using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// The hand-written migrations are the schema: on each provider, the schema they create (read from the live
/// catalog) must equal what the EF model describes — tables, columns, types, nullability, primary keys, indexes.
/// This is what stands in for the model snapshot (see Persistence/Migrations/README.md). Also: a database at an
/// earlier migration that holds data upgrades intact, and two nodes migrating at once apply each migration once.
/// </summary>
public abstract class SchemaTests : IAsyncLifetime
{
    private readonly List<TestDatabase> _databases = [];

    /// <summary>A new empty database.</summary>
    protected abstract Task<TestDatabase> NewDatabaseAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var d in _databases)
        {
            await d.DisposeAsync();
        }
    }

    private async Task<TestDatabase> DatabaseAsync()
    {
        var d = await NewDatabaseAsync();
        _databases.Add(d);
        return d;
    }

    [Fact]
    public async Task Migrated_schema_equals_the_model()
    {
        var database = await DatabaseAsync();
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        var expected = FromModel(db, database.Provider);
        var actual = await FromCatalogAsync(db, database);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, want) in expected)
        {
            var have = actual[table];
            Assert.Equal(Describe(table, want.Columns), Describe(table, have.Columns));
            Assert.Equal($"{table} pk {want.PrimaryKey}", $"{table} pk {have.PrimaryKey}");
            Assert.Equal(Describe(table, want.Indexes), Describe(table, have.Indexes));
        }

        // The engine tables exist as the issue lists them (a model that lost one would pass the comparison above).
        foreach (var table in new[] { "process_definitions", "process_instances", "user_tasks", "user_task_candidates", "timers", "jobs", "message_subscriptions", "incidents", "history", "idempotency_keys", "outbox", "AspNetUsers" })
        {
            Assert.Contains(table, actual.Keys);
        }
    }

    [Fact]
    public async Task A_database_at_the_first_migration_with_data_upgrades_intact()
    {
        // The service writes today's schema, so the rows of the first schema are made by the service on a database at
        // the latest migration and copied, column by column of the first schema, into one at the first migration:
        // an open task, one held by a lawyer, one completed (whose next task is open).
        var source = await DatabaseAsync();
        await source.MigrateAsync();
        await using var writer = new WorkflowHarness(source);
        await writer.DeployFixtureAsync("review.bpmn");
        var instance = await writer.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c-1", ["child"] = "Ana" }, "case-1", Actors.Coordinator, default);
        writer.Clock.Advance(TimeSpan.FromMinutes(1));
        var held = await writer.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c-2", ["child"] = "Bea" }, "case-2", Actors.Coordinator, default);
        var heldTask = Assert.Single(await writer.Service().ListTasksAsync(new TaskQuery(held), Actors.Lawyer, default)).Id;
        await writer.Service().ClaimAsync(heldTask, Actors.Lawyer, default);
        writer.Clock.Advance(TimeSpan.FromMinutes(1));
        var moved = await writer.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c-3", ["child"] = "Cai" }, "case-3", Actors.Coordinator, default);
        var movedTask = Assert.Single(await writer.Service().ListTasksAsync(new TaskQuery(moved), Actors.Lawyer, default)).Id;
        await writer.Service().CompleteAsync(movedTask, new JsonObject { ["approved"] = true }, Actors.Lawyer, default);
        var lawyersInbox = (await writer.Service().ListTasksAsync(new TaskQuery(), Actors.Lawyer, default)).Select(t => t.Id).ToList();
        Assert.Equal(3, lawyersInbox.Count);

        var database = await DatabaseAsync();
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000000_Initial");
            var applied = await db.Database.GetAppliedMigrationsAsync();
            Assert.Equal(["20261122000000_Initial"], applied);
            await using var from = source.CreateContext();
            await CopyRowsAsync(from, db, database.Provider, ["process_definitions", "process_instances", "user_tasks", "user_task_candidates", "timers", "jobs", "message_subscriptions", "incidents", "history"]);
        }

        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Contains("20261122000100_HistoryByUser", await db.Database.GetAppliedMigrationsAsync());
            Assert.Contains("20261122000300_InboxSortKeys", await db.Database.GetAppliedMigrationsAsync());
            var expected = FromModel(db, database.Provider);
            var actual = await FromCatalogAsync(db, database);
            foreach (var table in new[] { "history", "user_tasks", "user_task_candidates" })
            {
                Assert.Equal(Describe(table, expected[table].Columns), Describe(table, actual[table].Columns));
                Assert.Equal(Describe(table, expected[table].Indexes), Describe(table, actual[table].Indexes));
            }

            // 20261122000300_InboxSortKeys filled the inbox keys of the rows it found from their task.
            var tasks = await db.Tasks.AsNoTracking().Include(t => t.Candidates).ToListAsync();
            Assert.Equal(4, tasks.Count);
            Assert.Contains(tasks, t => t.Due is not null);
            Assert.Contains(tasks, t => t.Due is null);
            foreach (var t in tasks)
            {
                Assert.Equal(TaskRecord.DueSortOf(t.Due), t.DueSort);
                Assert.NotEmpty(t.Candidates);
                foreach (var c in t.Candidates)
                {
                    Assert.Equal((t.Id, t.Status == TaskStatuses.Open && t.Assignee is null, t.DueSort, t.Priority, t.CreatedAt), (c.TaskId, c.Offered, c.DueSort, c.Priority, c.CreatedAt));
                }
            }

            Assert.Contains(tasks, t => t.Id == heldTask && t.Assignee == Actors.Lawyer.Id && t.Candidates.All(c => !c.Offered));
            Assert.Contains(tasks, t => t.Id == movedTask && t.Status == TaskStatuses.Completed && t.Candidates.All(c => !c.Offered));
        }

        // The data written before the upgrade is there, the inbox reads the filled keys, and the instance goes on.
        await using var harness = new WorkflowHarness(database);
        Assert.Equal(lawyersInbox, (await harness.Service().ListTasksAsync(new TaskQuery(), Actors.Lawyer, default)).Select(t => t.Id));
        Assert.Equal(lawyersInbox, (await harness.Service().ListTasksAsync(new TaskQuery(), Actors.Coordinator, default)).Select(t => t.Id));
        var tasksOfInstance = await harness.Service().ListTasksAsync(new TaskQuery(instance), Actors.Lawyer, default);
        var view = await harness.Service().GetInstanceAsync(instance, Actors.Coordinator, default);
        Assert.Equal("active", view.Status);
        Assert.Equal("Ana", view.Variables["child"]!.GetValue<string>());
        Assert.Equal(["Task_Review"], view.Active);
        await harness.Service().CompleteAsync(Assert.Single(tasksOfInstance).Id, new JsonObject { ["approved"] = true }, Actors.Lawyer, default);
        var next = await harness.Service().ListTasksAsync(new TaskQuery(instance), Actors.Coordinator, default);
        Assert.Equal("Task_Approve", Assert.Single(next).ElementId);
        await harness.Service().UnclaimAsync(heldTask, Actors.Lawyer, default);
        Assert.Contains(heldTask, (await harness.Service().ListTasksAsync(new TaskQuery(), Actors.OtherLawyer, default)).Select(t => t.Id));
        var definitions = await harness.Service().ListDefinitionsAsync(default);
        Assert.Equal(1, Assert.Single(definitions).Version);
    }

    /// <summary>Copies the rows of <paramref name="tables"/>, in the columns the target has (an older schema).</summary>
    private static async Task CopyRowsAsync(OrchestratorDbContext from, OrchestratorDbContext to, DatabaseProvider provider, string[] tables)
    {
        var source = from.Database.GetDbConnection();
        var target = to.Database.GetDbConnection();
        await from.Database.OpenConnectionAsync();
        await to.Database.OpenConnectionAsync();
        foreach (var table in tables)
        {
            var columns = (provider == DatabaseProvider.Sqlite
                ? await QueryAsync(target, $"SELECT name FROM pragma_table_info('{table}')")
                : await QueryAsync(target, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t ORDER BY ordinal_position", ("t", table)))
                .Select(r => S(r[0])).ToList();
            var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
            foreach (var row in await QueryAsync(source, $"SELECT {list} FROM \"{table}\""))
            {
                await using var insert = target.CreateCommand();
                insert.CommandText = $"INSERT INTO \"{table}\" ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
                for (var i = 0; i < columns.Count; i++)
                {
                    var p = insert.CreateParameter();
                    p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                    p.Value = row[i] ?? DBNull.Value;
                    insert.Parameters.Add(p);
                }

                await insert.ExecuteNonQueryAsync();
            }
        }

        if (provider == DatabaseProvider.PostgreSql)
        {
            // Rows copied with their identity values: move the sequence past them, as a dump and restore would.
            await QueryAsync(target, "SELECT setval(pg_get_serial_sequence('history', 'sequence'), (SELECT max(sequence) FROM history))");
        }
    }

    [Fact]
    public async Task Two_nodes_migrating_at_once_apply_each_migration_once()
    {
        var database = await DatabaseAsync();
        async Task Migrate()
        {
            await using var db = database.CreateContext();
            await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
        }

        // Four at once on a fresh database: also the moment SQLite is switched to WAL by one of them.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Migrate)));
        await using var check = database.CreateContext();
        var applied = await check.Database.GetAppliedMigrationsAsync();
        Assert.Equal(check.Database.GetMigrations(), applied);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }

    private static string Describe(string table, IEnumerable<string> items) => table + ":" + Environment.NewLine + string.Join(Environment.NewLine, items.Order(StringComparer.Ordinal));

    private sealed record TableShape(List<string> Columns, string PrimaryKey, List<string> Indexes);

    private static Dictionary<string, TableShape> FromModel(OrchestratorDbContext db, DatabaseProvider provider)
    {
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var result = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        foreach (var table in model.Tables)
        {
            var columns = table.Columns.Select(c => $"{c.Name} {NormaliseType(c.StoreType, provider)} {(c.IsNullable ? "null" : "not null")}").ToList();
            var pk = table.PrimaryKey is { } key
                ? (provider == DatabaseProvider.Sqlite ? "" : key.Name + " ") + string.Join(",", key.Columns.Select(c => c.Name))
                : "";
            var indexes = table.Indexes.Select(i => $"{i.Name} ({string.Join(",", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}").ToList();
            result[table.Name] = new TableShape(columns, pk, indexes);
        }

        return result;
    }

    private static string NormaliseType(string type, DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? type.ToUpperInvariant() : type.ToLowerInvariant();

    private static async Task<Dictionary<string, TableShape>> FromCatalogAsync(OrchestratorDbContext db, TestDatabase database)
    {
        var result = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in await database.TablesAsync(db))
        {
            result[table] = database.Provider == DatabaseProvider.Sqlite
                ? await SqliteTableAsync(connection, table)
                : await PostgresTableAsync(connection, table);
        }

        return result;
    }

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string S(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static async Task<TableShape> SqliteTableAsync(DbConnection connection, string table)
    {
        // table_info: cid, name, type, notnull, dflt_value, pk
        var info = await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')");
        var columns = info.Select(r => $"{S(r[0])} {S(r[1]).ToUpperInvariant()} {(Convert.ToInt64(r[2], CultureInfo.InvariantCulture) == 1 ? "not null" : "null")}").ToList();
        var pk = string.Join(",", info.Where(r => Convert.ToInt64(r[3], CultureInfo.InvariantCulture) > 0).OrderBy(r => Convert.ToInt64(r[3], CultureInfo.InvariantCulture)).Select(r => S(r[0])));
        var indexes = new List<string>();
        foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
        {
            if (S(index[2]) == "pk")
            {
                continue;
            }

            var cols = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{S(index[0])}') ORDER BY seqno");
            indexes.Add($"{S(index[0])} ({string.Join(",", cols.Select(c => S(c[0])))}){(Convert.ToInt64(index[1], CultureInfo.InvariantCulture) == 1 ? " unique" : "")}");
        }

        return new TableShape(columns, pk, indexes);
    }

    private static async Task<TableShape> PostgresTableAsync(DbConnection connection, string table)
    {
        var info = await QueryAsync(connection,
            "SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t ORDER BY ordinal_position",
            ("t", table));
        var columns = info.Select(r =>
        {
            var type = S(r[1]);
            if (type == "character varying" && r[2] is not null)
            {
                type += "(" + S(r[2]) + ")";
            }

            return $"{S(r[0])} {type} {(S(r[3]) == "YES" ? "null" : "not null")}";
        }).ToList();
        const string indexSql = """
            SELECT i.relname, ix.indisunique, ix.indisprimary,
                   array_to_string(array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',')
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname = @t
            """;
        var pk = "";
        var indexes = new List<string>();
        foreach (var r in await QueryAsync(connection, indexSql, ("t", table)))
        {
            if (r[2] is true)
            {
                pk = $"{S(r[0])} {S(r[3])}";
                continue;
            }

            indexes.Add($"{S(r[0])} ({S(r[3])}){(r[1] is true ? " unique" : "")}");
        }

        return new TableShape(columns, pk, indexes);
    }
}

/// <summary>The schema tests on SQLite.</summary>
public sealed class SqliteSchemaTests : SchemaTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());

    [Fact]
    public async Task Connections_use_wal_a_busy_timeout_and_foreign_keys()
    {
        await using var database = TestDatabase.CreateSqlite();
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();
        Assert.Equal("wal", Assert.Single(await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").ToListAsync()));
        Assert.Equal(30000L, Assert.Single(await db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").ToListAsync()));
        Assert.Equal(1L, Assert.Single(await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys").ToListAsync()));
    }

    [Fact]
    public void The_default_connection_creates_its_data_folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "orchestrator-data-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            DatabaseProviders.PrepareSqlite($"Data Source={Path.Combine(dir, "data", "orchestrator.db")}");
            Assert.True(Directory.Exists(Path.Combine(dir, "data")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

/// <summary>The schema tests on PostgreSQL.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresSchemaTests(PostgresServer server) : SchemaTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreatePostgresAsync(server, nameof(PostgresSchemaTests));
}
