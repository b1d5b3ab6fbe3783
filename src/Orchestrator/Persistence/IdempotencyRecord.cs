namespace Orchestrator.Persistence;

/// <summary>A remembered response for an <c>Idempotency-Key</c> (table <c>idempotency_keys</c>).</summary>
public sealed class IdempotencyRecord
{
    /// <summary>The key the client sent.</summary>
    public string Key { get; set; } = "";

    /// <summary>Who sent it (keys are per actor).</summary>
    public string Actor { get; set; } = "";

    /// <summary>SHA-256 of method, path and body (a reuse with another request is a conflict).</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>The HTTP status answered.</summary>
    public int ResponseStatus { get; set; }

    /// <summary>The body answered.</summary>
    public string? ResponseBody { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
