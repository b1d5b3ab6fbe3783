using System.Text.RegularExpressions;
using Orchestrator.Forms;

namespace Orchestrator.Web.Act;

/// <summary>The label a form gives the field an error names (<c>address.city</c>, <c>children[2].name</c>).</summary>
public static partial class FormLabels
{
    /// <summary>The field's label, or <c>null</c> when the form has no such field or it has no label.</summary>
    /// <param name="form">The form.</param>
    /// <param name="field">The error's field path.</param>
    /// <returns>The label.</returns>
    public static string? Of(FormSchema? form, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (form is null)
        {
            return null;
        }

        IReadOnlyList<FormComponent> level = form.Components;
        FormComponent? found = null;
        foreach (var segment in Index().Replace(field, "").Split('.'))
        {
            found = Find(level, segment);
            if (found is null)
            {
                return null;
            }

            level = found.Components;
        }

        return found?.Label;
    }

    private static FormComponent? Find(IReadOnlyList<FormComponent> components, string name)
    {
        foreach (var c in components)
        {
            if (c.Key == name || c.Path == name)
            {
                return c;
            }

            // Groups without a key or path pass their fields through to the level above.
            if (c.Key is null && c.Path is null && Find(c.Components, name) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
