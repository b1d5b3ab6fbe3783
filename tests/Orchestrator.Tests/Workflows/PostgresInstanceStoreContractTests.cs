using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Workflows;

/// <summary>The instance store contract on the durable store, on PostgreSQL (a database of its own per test).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresInstanceStoreContractTests(PostgresServer server) : InstanceStoreContractTests
{
    private TestDatabase? _database;

    /// <inheritdoc/>
    protected override async Task<ContractStore> CreateStoreAsync()
    {
        _database = await TestDatabase.CreatePostgresAsync(server, "instance-store");
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
