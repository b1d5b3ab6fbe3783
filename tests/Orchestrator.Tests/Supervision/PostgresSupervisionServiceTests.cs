using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Supervision;

/// <summary>The supervision services on PostgreSQL (a database of its own per test).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresSupervisionServiceTests(PostgresServer server) : SupervisionServiceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        var database = await TestDatabase.CreatePostgresAsync(server, "supervision");
        await database.MigrateAsync();
        return database;
    }
}
