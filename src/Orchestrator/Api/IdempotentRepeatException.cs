namespace Orchestrator.Api;

/// <summary>Thrown inside a command's transaction when another request with the same key committed first: roll back, replay its answer.</summary>
internal sealed class IdempotentRepeatException : Exception
{
    public IdempotentRepeatException()
        : base("Another request with this Idempotency-Key was carried out first.")
    {
    }

    public IdempotentRepeatException(string message)
        : base(message)
    {
    }

    public IdempotentRepeatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
