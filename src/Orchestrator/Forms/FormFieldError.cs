namespace Orchestrator.Forms;

/// <summary>
/// One reason a submission breaks its form.
/// </summary>
/// <param name="Field">
/// Where, as the data path of the submitted value: a key (<c>age</c>), a nested key
/// (<c>address.city</c>) or an item of a dynamic list (<c>children[2].name</c>).
/// </param>
/// <param name="Message">What is wrong, in plain words (<c>is required</c>, <c>must be one of: yes, no</c>).</param>
public sealed record FormFieldError(string Field, string Message)
{
    /// <summary>Formats the error as <c>field: message</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() => $"{Field}: {Message}";
}
