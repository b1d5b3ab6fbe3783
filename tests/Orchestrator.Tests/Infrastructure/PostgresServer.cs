namespace Orchestrator.Tests.Infrastructure;

/// <summary>The <see cref="PostgresCluster"/> as an xunit fixture: started once for the collection, stopped at its end.</summary>
public sealed class PostgresServer : PostgresCluster, IAsyncLifetime
{
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>The xunit collection that shares one PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "PostgreSQL";
}
