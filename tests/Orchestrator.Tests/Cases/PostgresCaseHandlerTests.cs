using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Cases;

/// <summary><see cref="CaseHandlerTests"/> on the PostgreSQL server the tests start.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresCaseHandlerTests(PostgresServer server) : CaseHandlerTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreatePostgresAsync(server, nameof(PostgresCaseHandlerTests));
}
