using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Persistence;

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
