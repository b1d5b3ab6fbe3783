namespace Orchestrator.Api;

/// <summary>Marks an endpoint that accepts <c>Idempotency-Key</c> (for the OpenAPI document).</summary>
internal sealed class IdempotentMetadata
{
    public static IdempotentMetadata Instance { get; } = new();
}
