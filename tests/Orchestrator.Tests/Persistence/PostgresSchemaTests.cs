using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Persistence;

/// <summary>The schema tests on PostgreSQL.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresSchemaTests(PostgresServer server) : SchemaTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreatePostgresAsync(server, nameof(PostgresSchemaTests));
}
