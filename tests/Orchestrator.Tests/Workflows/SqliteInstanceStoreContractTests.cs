using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Workflows;

/// <summary>The instance store contract on the durable store, on SQLite.</summary>
public sealed class SqliteInstanceStoreContractTests : InstanceStoreContractTests
{
    private TestDatabase? _database;

    /// <inheritdoc/>
    protected override async Task<ContractStore> CreateStoreAsync()
    {
        _database = TestDatabase.CreateSqlite();
        await _database.MigrateAsync();
        var harness = new WorkflowHarness(_database, new TestForms());
        await harness.InitializeAsync();
        return new ServiceContractStore(harness);
    }

    /// <inheritdoc/>
    protected override async Task ReleaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
