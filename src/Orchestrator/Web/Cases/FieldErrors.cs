using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Orchestrator.Web.Cases;

/// <summary>
/// Errors shown at their fields, as the workspace's forms do: the message under the field, the field marked
/// <c>aria-invalid</c> and described by the message (and its hint). Keys are the fields' ids (<c>givenNames</c>,
/// <c>measure.dueDate</c>; a dot becomes a dash in the id).
/// </summary>
/// <param name="errors">The errors by key.</param>
public sealed class FieldErrors(IReadOnlyDictionary<string, string> errors)
{
    /// <summary>The HTML id of a field.</summary>
    /// <param name="key">The field's key.</param>
    /// <returns>The id.</returns>
    public static string Id(string key) => (key ?? throw new ArgumentNullException(nameof(key))).Replace('.', '-');

    /// <summary><c>"true"</c> when the field has an error (else no attribute).</summary>
    /// <param name="key">The field's key.</param>
    /// <returns>The attribute's value.</returns>
    public string? Invalid(string key) => errors.ContainsKey(key) ? "true" : null;

    /// <summary>The ids that describe the field: its error, then its hint.</summary>
    /// <param name="key">The field's key.</param>
    /// <param name="hint">Whether the field has a hint (id <c>{id}-hint</c>).</param>
    /// <returns>The attribute's value, or <c>null</c>.</returns>
    public string? Described(string key, bool hint = false)
    {
        var ids = new List<string>(2);
        if (errors.ContainsKey(key))
        {
            ids.Add(Id(key) + "-error");
        }

        if (hint)
        {
            ids.Add(Id(key) + "-hint");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    /// <summary>The field's error message element, or nothing.</summary>
    /// <param name="key">The field's key.</param>
    /// <returns>The HTML (the message is encoded).</returns>
    public IHtmlContent At(string key)
    {
        if (!errors.TryGetValue(key, out var message))
        {
            return HtmlString.Empty;
        }

        var element = new TagBuilder("p");
        element.AddCssClass("field-error");
        element.Attributes["id"] = Id(key) + "-error";
        element.InnerHtml.Append(message);
        return element;
    }
}
