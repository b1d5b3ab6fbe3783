namespace Orchestrator.Cases;

/// <summary>
/// Bad input to a case operation (a missing or unknown value), naming the field; nothing was changed. An
/// <see cref="ArgumentException"/>, so the API answers 400 with its message; a job handler turns it into a failure.
/// </summary>
public sealed class CaseInputException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public CaseInputException()
        : this("input", "is invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public CaseInputException(string message)
        : this("input", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CaseInputException(string message, Exception innerException)
        : base(message, innerException) => Field = "input";

    /// <summary>Creates the exception.</summary>
    /// <param name="field">The field or variable.</param>
    /// <param name="problem">What is wrong with it.</param>
    public CaseInputException(string field, string problem)
        : base($"{field}: {problem}") => Field = field;

    /// <summary>The field or variable.</summary>
    public string Field { get; }
}
