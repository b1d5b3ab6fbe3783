using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Cases;

/// <summary><see cref="CaseSeedingTests"/> on SQLite.</summary>
public sealed class SqliteCaseSeedingTests : CaseSeedingTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}
