namespace Orchestrator.Notifications.Letters;

/// <summary>Printing failed: Chromium is missing, timed out or produced no PDF. The message says what to do.</summary>
public sealed class LetterPrintException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LetterPrintException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public LetterPrintException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="inner">The cause.</param>
    public LetterPrintException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
