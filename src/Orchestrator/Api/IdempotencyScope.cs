namespace Orchestrator.Api;

/// <summary>
/// The <c>Idempotency-Key</c> of the request being served (scoped: one per request), set by <see cref="IdempotencyFilter"/>
/// and written by <see cref="IdempotencyEffect"/> into the command's transaction.
/// </summary>
internal sealed class IdempotencyScope
{
    /// <summary>The key; <c>null</c> outside a request that carries one (scheduler jobs, requests without the header).</summary>
    public string? Key { get; private set; }

    /// <summary>The actor the key belongs to.</summary>
    public string? Actor { get; private set; }

    /// <summary>SHA-256 of the request.</summary>
    public string? RequestHash { get; private set; }

    /// <summary>Whether a command committed the record (its answer is still to be stored).</summary>
    public bool Recorded { get; private set; }

    /// <summary>Starts serving a request with a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="actor">The actor.</param>
    /// <param name="requestHash">The request's hash.</param>
    public void Begin(string key, string actor, string requestHash)
    {
        Key = key;
        Actor = actor;
        RequestHash = requestHash;
        Recorded = false;
    }

    /// <summary>Called once the command's transaction with the record committed.</summary>
    public void Committed() => Recorded = true;
}
