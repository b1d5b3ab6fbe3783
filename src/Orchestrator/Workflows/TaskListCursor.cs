using System.Globalization;
using System.Text;

namespace Orchestrator.Workflows;

/// <summary>
/// The keyset cursor of the task list in the orders other than inbox order (<see cref="TaskSortKey"/> is that one's):
/// by creation (<c>c1|ticks|id</c>) or by name (<c>n1|name|id</c>), base64url-encoded so that clients treat it as opaque.
/// </summary>
internal sealed record TaskListCursor(TaskSort Sort, long CreatedTicks, string Name, string Id)
{
    public string ToCursor()
    {
        var text = Sort == TaskSort.Name
            ? string.Join('|', "n1", Id.Length.ToString(CultureInfo.InvariantCulture), Id, Name)
            : string.Join('|', "c1", CreatedTicks.ToString(CultureInfo.InvariantCulture), Id);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="TaskQueryException">Not a cursor of this list in this order.</exception>
    public static TaskListCursor Parse(string cursor, TaskSort sort)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            if (sort == TaskSort.Created)
            {
                var parts = text.Split('|', 3);
                if (parts.Length == 3 && parts[0] == "c1" && parts[2].Length > 0
                    && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
                {
                    return new TaskListCursor(TaskSort.Created, ticks, "", parts[2]);
                }
            }
            else if (sort == TaskSort.Name)
            {
                // The id's length comes first: names may hold '|', ids never do.
                var parts = text.Split('|', 3);
                if (parts.Length == 3 && parts[0] == "n1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                    && length > 0 && parts[2].Length > length && parts[2][length] == '|')
                {
                    return new TaskListCursor(TaskSort.Name, 0, parts[2][(length + 1)..], parts[2][..length]);
                }
            }
        }
        catch (FormatException)
        {
        }

        throw new TaskQueryException("after", "The cursor is not one the task list gave out for this order; start again from the first page (omit it).");
    }
}
