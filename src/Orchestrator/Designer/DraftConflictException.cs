namespace Orchestrator.Designer;

/// <summary>
/// A draft was saved (or discarded) from an older copy: someone else saved it since (409). Nothing was changed; the
/// designer reloads the current draft (<see cref="Current"/>, <c>null</c> when it was discarded or deployed).
/// </summary>
public sealed class DraftConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DraftConflictException()
        : this("The draft was changed by someone else.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public DraftConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public DraftConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="current">The draft as it is now, or <c>null</c>.</param>
    public DraftConflictException(string message, DraftSummary? current)
        : base(message) => Current = current;

    /// <summary>The draft as it is now; <c>null</c> when there is none any more.</summary>
    public DraftSummary? Current { get; }
}
