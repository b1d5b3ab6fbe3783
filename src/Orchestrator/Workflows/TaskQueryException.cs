namespace Orchestrator.Workflows;

/// <summary>A task list query that cannot be answered: a limit out of range or a cursor the list did not give out (400).</summary>
public sealed class TaskQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskQueryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public TaskQueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TaskQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="parameter">The query parameter at fault (<c>limit</c>, <c>after</c>).</param>
    /// <param name="message">What is wrong.</param>
    public TaskQueryException(string parameter, string message)
        : base(message) => Parameter = parameter;

    /// <summary>The query parameter at fault (<c>limit</c>, <c>after</c>).</summary>
    public string? Parameter { get; }
}
