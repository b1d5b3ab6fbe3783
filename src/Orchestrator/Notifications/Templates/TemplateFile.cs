using System.Text;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// A template file as read from disk: an optional front matter between two <c>---</c> lines (<c>name: value</c> lines,
/// e.g. an email's <c>subject:</c> or a letter's <c>title:</c>) and the body after it. Emails and letters share the
/// format. Positions are kept so that an error in the subject or the body names the file's own line and column.
/// </summary>
internal sealed class TemplateFile
{
    private readonly Dictionary<string, (string Value, int Line, int Column)> _fields;

    private TemplateFile(string path, string source, Dictionary<string, (string, int, int)> fields, string body, int bodyLine)
    {
        Path = path;
        Source = source;
        _fields = fields;
        Body = body;
        BodyLine = bodyLine;
    }

    /// <summary>The file's path (as given; errors name it).</summary>
    public string Path { get; }

    /// <summary>The whole text, with LF line ends (what a template version is hashed from).</summary>
    public string Source { get; }

    /// <summary>The text after the front matter (the whole text when there is none).</summary>
    public string Body { get; }

    /// <summary>The 1-based line of the file the body starts on.</summary>
    public int BodyLine { get; }

    /// <summary>Reads a template file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="TemplateException">The front matter has no closing line.</exception>
    public static TemplateFile Read(string path)
    {
        var source = File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
        var fields = new Dictionary<string, (string, int, int)>(StringComparer.Ordinal);
        if (!source.StartsWith("---\n", StringComparison.Ordinal))
        {
            return new TemplateFile(path, source, fields, source, 1);
        }

        var end = source.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new TemplateException($"{path}(1,1): the front matter that starts on line 1 has no closing '---' line.");
        }

        var lines = source[4..end].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..];
            var leading = value.Length - value.TrimStart().Length;
            fields[line[..colon].Trim()] = (value.Trim(), i + 2, colon + 2 + leading);
        }

        return new TemplateFile(path, source, fields, source[(end + 5)..], lines.Length + 3);
    }

    /// <summary>A front-matter field: its value and where the value starts (1-based line and column); <c>null</c> when absent.</summary>
    /// <param name="name">The field name.</param>
    public (string Value, int Line, int Column)? Field(string name) => _fields.TryGetValue(name, out var field) ? field : null;
}
