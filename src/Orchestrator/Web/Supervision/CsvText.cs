using System.Text;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// The CSV exports of the supervision and administration pages (RFC 4180, UTF-8 with a byte-order mark so that a
/// spreadsheet opens the accents right). A field a spreadsheet would run as a formula (starting with =, +, -, @, a tab or
/// a carriage return) is prefixed with an apostrophe: an export must not carry a formula someone typed into a case.
/// </summary>
public static class CsvText
{
    /// <summary>The media type of the exports.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The encoding of the exports.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>One line: the fields, quoted where needed, and a CRLF.</summary>
    /// <param name="fields">The fields.</param>
    /// <returns>The line.</returns>
    public static string Line(params string?[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return string.Join(",", fields.Select(Field)) + "\r\n";
    }

    /// <summary>One field.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The field as CSV.</returns>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
