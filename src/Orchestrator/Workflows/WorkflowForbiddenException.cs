
namespace Orchestrator.Workflows;

/// <summary>The actor may not see or act on this task or instance (403).</summary>
public sealed class WorkflowForbiddenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowForbiddenException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why not.</param>
    public WorkflowForbiddenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why not.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
