namespace Orchestrator.Designer;

/// <summary>
/// What a designer sent cannot be saved or deployed (422): a hostile or broken file, a form the form reader refuses, a
/// failing scenario, validation errors. Nothing was saved.
/// </summary>
public sealed class DesignerInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DesignerInputException()
        : this("The input cannot be used.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public DesignerInputException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DesignerInputException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in one sentence.</param>
    /// <param name="problems">Each problem.</param>
    public DesignerInputException(string message, IReadOnlyList<DesignerProblem> problems)
        : base(message) => Problems = problems ?? [];

    /// <summary>Each problem.</summary>
    public IReadOnlyList<DesignerProblem> Problems { get; }
}
