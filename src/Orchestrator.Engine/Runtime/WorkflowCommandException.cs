namespace Orchestrator.Engine.Runtime;

/// <summary>Thrown for a command that cannot apply: unknown task, timer or job, a task held by someone else, an ended instance.</summary>
public sealed class WorkflowCommandException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowCommandException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public WorkflowCommandException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Not found or conflict.</param>
    /// <param name="message">What is wrong.</param>
    public WorkflowCommandException(CommandRejection kind, string message)
        : base(message) => Kind = kind;

    /// <summary>Whether the target does not exist (404) or is in the wrong state (409).</summary>
    public CommandRejection Kind { get; }
}
