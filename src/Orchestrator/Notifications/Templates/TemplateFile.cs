using System.Text;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// Reads a template file: an optional front matter between two <c>---</c> lines (only the named field is read, e.g.
/// an email's <c>subject:</c> or a letter's <c>title:</c>) and the body after it. Emails and letters share the format.
/// </summary>
internal static class TemplateFile
{
    /// <summary>The front-matter field <paramref name="field"/> (<c>null</c> when absent), the body, and the whole text (LF line ends).</summary>
    /// <param name="file">The template file (its path names it in errors).</param>
    /// <param name="field">The front-matter field to read.</param>
    /// <exception cref="TemplateException">The front matter has no closing line.</exception>
    public static (string? Field, string Body, string Source) Read(string file, string field)
    {
        var source = File.ReadAllText(file, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!source.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, source, source);
        }

        var end = source.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new TemplateException($"{file}: the front matter that starts on line 1 has no closing '---' line.");
        }

        string? value = null;
        foreach (var line in source[4..end].Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == field)
            {
                value = line[(colon + 1)..].Trim();
            }
        }

        return (value, source[(end + 5)..], source);
    }
}
