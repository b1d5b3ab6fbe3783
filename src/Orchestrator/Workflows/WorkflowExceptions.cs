using Orchestrator.Engine.Model;

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

/// <summary>A BPMN file to deploy is invalid (422 with the problems: element id, code, message).</summary>
public sealed class WorkflowValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public WorkflowValidationException(string message)
        : base(message) => Problems = [];

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every error found (warnings are not included).</param>
    public WorkflowValidationException(IReadOnlyList<BpmnProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>The errors (file, element id, code, message).</summary>
    public IReadOnlyList<BpmnProblem> Problems { get; }

    private static string Describe(IReadOnlyList<BpmnProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 0
            ? "The BPMN file is invalid."
            : $"The BPMN file is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): " + string.Join("; ", problems.Take(5).Select(p => $"{p.ElementId}: {p.Code}: {p.Message}"));
    }
}
