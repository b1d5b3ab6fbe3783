using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;
using static Orchestrator.Tests.Persistence.SchemaCatalog;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// What <see cref="TestDatabase.ResetAsync"/> (Respawn) does to a shared PostgreSQL test database: the model's rows and
/// the scheduler's rows (schema <c>quartz</c>, outside the model) are gone, identities start again, and the migrations
/// history stays, so the database is still migrated.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresResetTests(PostgresServer server)
{
    [Fact]
    public async Task Reset_empties_the_model_and_scheduler_tables_and_keeps_the_history()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server, nameof(PostgresResetTests));
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.History.Add(new HistoryRecord { At = DateTimeOffset.UnixEpoch, Type = "Test" });
            db.IdempotencyKeys.Add(new IdempotencyRecord { Key = "k", Actor = "a", RequestHash = "h", ResponseStatus = 200, CreatedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO quartz.qrtz_locks (sched_name, lock_name) VALUES ('test', 'TRIGGER_ACCESS')");
        }

        await database.ResetAsync();

        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.History.CountAsync());
            Assert.Equal(0, await db.IdempotencyKeys.CountAsync());
            await db.Database.OpenConnectionAsync();
            Assert.Equal(0L, Convert.ToInt64(Assert.Single(await QueryAsync(db.Database.GetDbConnection(), "SELECT count(*) FROM quartz.qrtz_locks"))[0]));
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
