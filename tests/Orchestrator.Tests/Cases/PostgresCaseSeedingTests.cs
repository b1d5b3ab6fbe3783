using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Cases;

/// <summary><see cref="CaseSeedingTests"/> on the PostgreSQL server the tests start.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresCaseSeedingTests(PostgresServer server) : CaseSeedingTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreatePostgresAsync(server, nameof(PostgresCaseSeedingTests));
}
