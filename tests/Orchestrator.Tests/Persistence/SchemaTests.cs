using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;
using static Orchestrator.Tests.Persistence.SchemaCatalog;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// On each provider: the schema the generated migrations create (read from the live catalog) equals what the EF model
/// describes — tables, columns, types, nullability, primary keys, indexes; the generated baseline creates exactly the
/// schema the hand-written migrations ended with; a database the hand-written migrations made (at their last one or
/// at their first) is adopted with its data and the service goes on; two nodes migrating at once apply each migration
/// once (Persistence/Migrations/README.md).
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

    /// <summary>The generated baseline's id (the same for every provider).</summary>
    private const string Baseline = "20261207000000_Baseline";

    [Fact]
    public async Task Migrated_schema_equals_the_model()
    {
        var database = await DatabaseAsync();
        await database.MigrateAsync();
        await using (var migrations = database.CreateMigrationContext())
        {
            Assert.Empty(await migrations.Database.GetPendingMigrationsAsync());
            var applied = (await migrations.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Equal(migrations.Database.GetMigrations(), applied);
            Assert.Equal(Baseline, applied[0]);
        }

        await using var db = database.CreateContext();
        var expected = FromModel(db, database.Provider);
        var actual = await FromCatalogAsync(db, database.Provider);
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
    public async Task The_baseline_creates_the_schema_the_hand_written_migrations_end_with()
    {
        var handWritten = await DatabaseAsync();
        await handWritten.MigrateHandWrittenAsync(DatabaseMigrator.LastHandWrittenMigration);
        var generated = await DatabaseAsync();
        await generated.MigrateAsync();
        await using (var migrations = generated.CreateMigrationContext())
        {
            // Back to the baseline alone: the migrations after it are later changes, not part of this comparison.
            await migrations.GetService<IMigrator>().MigrateAsync(Baseline);
        }

        await using var a = handWritten.CreateContext();
        await using var b = generated.CreateContext();
        var before = await DescribeAsync(a, handWritten.Provider);
        var after = await DescribeAsync(b, generated.Provider);
        Assert.Equal(string.Join(Environment.NewLine, before), string.Join(Environment.NewLine, after));
        Assert.Contains(before, l => l.StartsWith("table ", StringComparison.Ordinal) && l.EndsWith("user_tasks", StringComparison.Ordinal));
        if (handWritten.Provider == DatabaseProvider.PostgreSql)
        {
            Assert.Contains("table quartz.qrtz_triggers", after); // the old scheduler's tables, outside the model, are in the baseline too
        }

        // The migrations after the baseline drop Quartz's tables (PostgreSQL); going back to the baseline above ran
        // DropQuartzTables' Down, which made them again.
        await generated.MigrateAsync();
        await using var c = generated.CreateContext();
        Assert.DoesNotContain(await DescribeAsync(c, generated.Provider), IsQuartz);
    }

    /// <summary>Whether a catalog line is Quartz.NET's (schema <c>quartz</c>, dropped by the migration <c>DropQuartzTables</c>).</summary>
    private static bool IsQuartz(string line) => line == "schema quartz" || line.Contains(" quartz.", StringComparison.Ordinal);

    [Fact]
    public async Task A_database_at_the_last_hand_written_migration_with_data_is_adopted_and_the_service_goes_on()
    {
        // A database as today's service leaves it: every hand-written migration applied, and data the service wrote
        // (an open task, one claimed by a lawyer, one completed whose next task is open).
        var database = await DatabaseAsync();
        await database.MigrateHandWrittenAsync(DatabaseMigrator.LastHandWrittenMigration);
        List<string> schemaBefore;
        await using (var db = database.CreateContext())
        {
            schemaBefore = await DescribeAsync(db, database.Provider);
        }

        // Today's code also writes process_instances.active_elements (added after the hand-written set); the column is
        // there only while the rows are written, so the adopted rows are as an old service left them (null there, which
        // the overview fills in on its first read).
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE process_instances ADD COLUMN active_elements text");
        }

        string instance, heldTask, movedTask;
        List<string> lawyersInbox;
        await using (var writer = new WorkflowHarness(database))
        {
            await writer.DeployFixtureAsync("review.bpmn");
            instance = await writer.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c-1", ["child"] = "Ana" }, "case-1", Actors.Coordinator, default);
            var held = await writer.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c-2", ["child"] = "Bea" }, "case-2", Actors.Coordinator, default);
            heldTask = Assert.Single(await writer.Service().ListTasksAsync(new TaskQuery(held), Actors.Lawyer, default)).Id;
            await writer.Service().ClaimAsync(heldTask, Actors.Lawyer, default);
            var moved = await writer.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c-3", ["child"] = "Cai" }, "case-3", Actors.Coordinator, default);
            movedTask = Assert.Single(await writer.Service().ListTasksAsync(new TaskQuery(moved), Actors.Lawyer, default)).Id;
            await writer.Service().CompleteAsync(movedTask, new JsonObject { ["approved"] = true }, Actors.Lawyer, default);
            lawyersInbox = [.. (await writer.Service().ListTasksAsync(new TaskQuery(), Actors.Lawyer, default)).Select(t => t.Id)];
            Assert.Equal(3, lawyersInbox.Count);
        }

        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE process_instances DROP COLUMN active_elements");
        }

        // The start-up migration: the baseline is recorded, not run (it would fail on the existing tables), the
        // generated migrations after it run, and the schema ends exactly as a new database's.
        await database.MigrateAsync();
        await using (var migrations = database.CreateMigrationContext())
        {
            Assert.Empty(await migrations.Database.GetPendingMigrationsAsync());
            var applied = (await migrations.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Contains(Baseline, applied);
            Assert.Contains(DatabaseMigrator.LastHandWrittenMigration, applied);
            Assert.Contains("20261122000000_Initial", applied);
        }

        var fresh = await DatabaseAsync();
        await fresh.MigrateAsync();
        await using (var db = database.CreateContext())
        await using (var created = fresh.CreateContext())
        {
            var adopted = await DescribeAsync(db, database.Provider);
            Assert.Equal(string.Join(Environment.NewLine, await DescribeAsync(created, fresh.Provider)), string.Join(Environment.NewLine, adopted));

            // Nothing the old schema had was lost but Quartz's tables, which the migration DropQuartzTables drops (PostgreSQL).
            Assert.Equal(database.Provider == DatabaseProvider.PostgreSql, schemaBefore.Any(IsQuartz));
            Assert.Empty(schemaBefore.Where(l => !IsQuartz(l)).Except(adopted, StringComparer.Ordinal));
            Assert.DoesNotContain(adopted, IsQuartz);
        }

        // Starting again changes nothing.
        await database.MigrateAsync();

        // The data is there and the instances go on.
        await using var harness = new WorkflowHarness(database);
        Assert.Equal(lawyersInbox, (await harness.Service().ListTasksAsync(new TaskQuery(), Actors.Lawyer, default)).Select(t => t.Id));
        var view = await harness.Service().GetInstanceAsync(instance, Actors.Coordinator, default);
        Assert.Equal(("active", "Ana"), (view.Status, view.Variables["child"]!.GetValue<string>()));
        var review = Assert.Single(await harness.Service().ListTasksAsync(new TaskQuery(instance), Actors.Lawyer, default));
        await harness.Service().CompleteAsync(review.Id, new JsonObject { ["approved"] = true }, Actors.Lawyer, default);
        Assert.Equal("Task_Approve", Assert.Single(await harness.Service().ListTasksAsync(new TaskQuery(instance), Actors.Coordinator, default)).ElementId);
        await harness.Service().UnclaimAsync(heldTask, Actors.Lawyer, default);
        Assert.Contains(heldTask, (await harness.Service().ListTasksAsync(new TaskQuery(), Actors.OtherLawyer, default)).Select(t => t.Id));
        var next = await harness.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c-4", ["child"] = "Dan" }, "case-4", Actors.Coordinator, default);
        Assert.Single(await harness.Service().ListTasksAsync(new TaskQuery(next), Actors.Lawyer, default));
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
        await database.MigrateHandWrittenAsync("20261122000000_Initial");
        await using (var db = database.CreateContext())
        {
            var applied = await db.Database.GetAppliedMigrationsAsync();
            Assert.Equal(["20261122000000_Initial"], applied);
            await using var from = source.CreateContext();
            await CopyRowsAsync(from, db, database.Provider, ["process_definitions", "process_instances", "user_tasks", "user_task_candidates", "timers", "jobs", "message_subscriptions", "incidents", "history"]);
        }

        // The hand-written set brings it to its last migration, then the baseline is recorded.
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync()); // the hand-written set, all applied
            Assert.Contains("20261122000100_HistoryByUser", await db.Database.GetAppliedMigrationsAsync());
            Assert.Contains("20261122000300_InboxSortKeys", await db.Database.GetAppliedMigrationsAsync());
            Assert.Contains(Baseline, await db.Database.GetAppliedMigrationsAsync());
            var expected = FromModel(db, database.Provider);
            var actual = await FromCatalogAsync(db, database.Provider);
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
        await using var check = database.CreateMigrationContext();
        var applied = await check.Database.GetAppliedMigrationsAsync();
        Assert.Equal(check.Database.GetMigrations(), applied);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }

    private static string Describe(string table, IEnumerable<string> items) => table + ":" + Environment.NewLine + string.Join(Environment.NewLine, items.Order(StringComparer.Ordinal));
}
