using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Supervision;

/// <summary>The supervision services on SQLite.</summary>
public sealed class SqliteSupervisionServiceTests : SupervisionServiceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        var database = TestDatabase.CreateSqlite();
        await database.MigrateAsync();
        return database;
    }
}
