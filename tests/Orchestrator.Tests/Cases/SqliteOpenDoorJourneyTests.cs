using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Cases;

/// <summary><see cref="OpenDoorJourneyTests"/> on SQLite.</summary>
public sealed class SqliteOpenDoorJourneyTests : OpenDoorJourneyTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}
