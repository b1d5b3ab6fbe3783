namespace Orchestrator.Forms;

/// <summary>The data a task is completed with breaks the task's form (422 naming the fields); nothing was changed.</summary>
public sealed class FormValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FormValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public FormValidationException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FormValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The fields and what is wrong with each.</param>
    public FormValidationException(IReadOnlyList<FormFieldError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>The fields and what is wrong with each.</summary>
    public IReadOnlyList<FormFieldError> Errors { get; }

    private static string Describe(IReadOnlyList<FormFieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0 ? "The data does not match the task's form." : "The data does not match the task's form: " + string.Join("; ", errors);
    }
}
