using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Cases;

/// <summary><see cref="OpenDoorJourneyTests"/> on the PostgreSQL server the tests start.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresOpenDoorJourneyTests(PostgresServer server) : OpenDoorJourneyTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreatePostgresAsync(server, nameof(PostgresOpenDoorJourneyTests));
}
