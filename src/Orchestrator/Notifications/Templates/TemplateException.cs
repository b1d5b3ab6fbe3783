namespace Orchestrator.Notifications.Templates;

/// <summary>A template that cannot be loaded or rendered; the message names the file, and the line and column where known.</summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public TemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="inner">The cause.</param>
    public TemplateException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
