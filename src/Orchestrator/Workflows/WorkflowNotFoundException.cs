
namespace Orchestrator.Workflows;

/// <summary>The process, instance, task, timer, job or incident does not exist (404).</summary>
public sealed class WorkflowNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was not found.</param>
    public WorkflowNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
