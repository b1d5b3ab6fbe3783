
namespace Orchestrator.Workflows;

/// <summary>The command cannot apply now: the task is no longer open, the instance ended, or concurrency was lost after retries (409).</summary>
public sealed class WorkflowConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is in the way.</param>
    public WorkflowConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is in the way.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
