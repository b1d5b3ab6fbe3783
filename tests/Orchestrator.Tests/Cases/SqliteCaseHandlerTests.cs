using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Cases;

/// <summary><see cref="CaseHandlerTests"/> on SQLite.</summary>
public sealed class SqliteCaseHandlerTests : CaseHandlerTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}
