namespace Orchestrator.Tests.Workflows;

/// <summary>The instance store contract on the engine's in-memory store (what <c>simulate</c> runs on).</summary>
public sealed class InMemoryInstanceStoreContractTests : InstanceStoreContractTests
{
    /// <inheritdoc/>
    protected override Task<ContractStore> CreateStoreAsync() => Task.FromResult<ContractStore>(new InMemoryContractStore());
}
