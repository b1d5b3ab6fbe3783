using System.Globalization;
using System.Text;

namespace Orchestrator.Workflows;

/// <summary>
/// A task's place in inbox order: due (none last), priority (highest first), creation, id. Also the keyset cursor of
/// the task list: the last key of a page, base64url-encoded so that clients treat it as opaque. Ids compare ordinally,
/// as the databases compare them: task ids are lower-case hex, ':' and digits, which order the same under PostgreSQL's
/// C and language collations and SQLite's BINARY.
/// </summary>
internal sealed record TaskSortKey(long DueSort, int Priority, DateTimeOffset Created, string Id) : IComparable<TaskSortKey>
{
    private const string Version = "t1";

    public int CompareTo(TaskSortKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = DueSort.CompareTo(other.DueSort);
        if (c == 0)
        {
            c = other.Priority.CompareTo(Priority);
        }

        if (c == 0)
        {
            c = Created.UtcTicks.CompareTo(other.Created.UtcTicks);
        }

        return c != 0 ? c : string.CompareOrdinal(Id, other.Id);
    }

    public string ToCursor()
    {
        var text = string.Join('|', Version, DueSort.ToString(CultureInfo.InvariantCulture), Priority.ToString(CultureInfo.InvariantCulture),
            Created.UtcTicks.ToString(CultureInfo.InvariantCulture), Id);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="TaskQueryException">Not a cursor of this list.</exception>
    public static TaskSortKey Parse(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|', 5);
            if (parts.Length == 5 && parts[0] == Version && parts[4].Length > 0
                && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var due)
                && int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority)
                && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var created)
                && created >= DateTimeOffset.MinValue.UtcTicks && created <= DateTimeOffset.MaxValue.UtcTicks)
            {
                return new TaskSortKey(due, priority, new DateTimeOffset(created, TimeSpan.Zero), parts[4]);
            }
        }
        catch (FormatException)
        {
        }

        throw new TaskQueryException("after", "The cursor is not one the task list gave out; start again from the first page (omit it).");
    }
}
