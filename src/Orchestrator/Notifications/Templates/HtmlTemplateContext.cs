using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// The Scriban context of HTML parts: every value an expression writes (<c>{{ taskName }}</c>) is HTML-escaped, as
/// Handlebars' <c>{{x}}</c> was, so a name with <c>&amp;</c> or <c>&lt;</c> can neither break the markup nor inject
/// any; only <see cref="RawHtml"/> (the body inside a layout) is written as it is. The template's own text is not
/// touched.
/// </summary>
internal sealed class HtmlTemplateContext(ScriptObject builtins) : TemplateContext(builtins)
{
    /// <inheritdoc/>
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        return textAsObject switch
        {
            null => this,
            RawHtml raw => Write(raw.Html),
            _ => Write(Escape(ObjectToString(textAsObject) ?? "")),
        };
    }

    /// <summary>The five characters that mean something in HTML, as entities; every other character as it is (an "ñ" stays "ñ").</summary>
    /// <param name="text">The value.</param>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '"' => escaped.Append("&quot;"),
                '\'' => escaped.Append("&#39;"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
