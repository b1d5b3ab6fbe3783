namespace Orchestrator.Forms;

/// <summary>
/// A form schema that cannot be used: not JSON, not a form-js schema, or a field the server cannot
/// validate. The message has one line per problem, each starting with the file (or source) name.
/// </summary>
public sealed class FormSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FormSchemaException()
        : this("the form schema is invalid")
    {
    }

    /// <summary>Creates the exception with one problem.</summary>
    /// <param name="message">The problem.</param>
    public FormSchemaException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public FormSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception with every problem found.</summary>
    /// <param name="problems">The problems, one line each (<c>file.form: Field_1: …</c>).</param>
    public FormSchemaException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems ?? throw new ArgumentNullException(nameof(problems))))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one line each, each naming the file (or source) first.</summary>
    public IReadOnlyList<string> Problems { get; }
}
