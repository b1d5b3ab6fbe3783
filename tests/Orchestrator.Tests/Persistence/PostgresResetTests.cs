using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;
using static Orchestrator.Tests.Persistence.SchemaCatalog;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// What <see cref="TestDatabase.ResetAsync"/> (Respawn) does to a shared PostgreSQL test database: the model's rows and
/// Hangfire's rows (schema <c>hangfire</c>, outside the model) are gone, identities start again, and the migrations
/// history and Hangfire's schema version stay, so the database is still migrated and Hangfire's tables still usable.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresResetTests(PostgresServer server)
{
    [Fact]
    public async Task Reset_empties_the_model_and_scheduler_tables_and_keeps_the_history()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server, nameof(PostgresResetTests));
        await database.MigrateAsync();

        // A first reset before Hangfire's tables exist, as when the first test of a class started no scheduler.
        await database.ResetAsync();

        // Hangfire makes its tables as the service's scheduler does (its storage, schema hangfire) and holds a job.
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
        var job = new BackgroundJobClient(storage).Schedule(() => Console.WriteLine("a job left over from an earlier test"), TimeSpan.FromDays(1));
        await using (var db = database.CreateContext())
        {
            db.History.Add(new HistoryRecord { At = DateTimeOffset.UnixEpoch, Type = "Test" });
            db.IdempotencyKeys.Add(new IdempotencyRecord { Key = "k", Actor = "a", RequestHash = "h", ResponseStatus = 200, CreatedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync();
        }

        await database.ResetAsync();

        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.History.CountAsync());
            Assert.Equal(0, await db.IdempotencyKeys.CountAsync());
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            Assert.Equal(0L, Convert.ToInt64(Assert.Single(await QueryAsync(connection, "SELECT count(*) FROM hangfire.job"))[0]));
            Assert.Equal(0L, Convert.ToInt64(Assert.Single(await QueryAsync(connection, "SELECT count(*) FROM hangfire.set"))[0]));
            Assert.NotEmpty(await QueryAsync(connection, "SELECT version FROM hangfire.schema"));
            using var hangfire = storage.GetConnection();
            Assert.Null(hangfire.GetJobData(job)); // Hangfire reads its emptied tables: the job is gone
            Assert.Contains("20261207000000_Baseline", await db.Database.GetAppliedMigrationsAsync());

            // Identities start again, as after a fresh migration.
            var row = new HistoryRecord { At = DateTimeOffset.UnixEpoch, Type = "Test" };
            db.History.Add(row);
            await db.SaveChangesAsync();
            Assert.Equal(1, row.Sequence);
        }

        // A second reset reuses the respawner (the catalog was read once) and the database can be migrated again as is.
        await database.ResetAsync();
        await database.MigrateAsync();
    }

    [Fact]
    public async Task Only_PostgreSQL_databases_are_reset()
    {
        await using var database = TestDatabase.CreateSqlite();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(database.ResetAsync);
        Assert.Contains("SQLite", e.Message, StringComparison.Ordinal);
    }
}
