namespace Orchestrator.Persistence;

/// <summary>
/// The <c>process_instances.active_elements</c> column: the ids of the elements an instance waits at, each between bars
/// (<c>|Task_Referral|Timer_Referral24h|</c>), so that "instances waiting at X" is a substring test on one short column
/// and "how many wait at each element" a read of that column alone. BPMN ids are XML names and hold no bar.
/// </summary>
public static class ActiveElementList
{
    /// <summary>The separator around each id.</summary>
    public const char Separator = '|';

    /// <summary>
    /// The longest value kept: the column is part of an index, and PostgreSQL refuses index entries of more than about
    /// 2,700 bytes. An instance waiting at so many elements at once is stored as <see cref="Overflow"/>.
    /// </summary>
    public const int MaxLength = 2000;

    /// <summary>The value of an instance waiting at more elements than <see cref="MaxLength"/> holds: read its state instead.</summary>
    public const string Overflow = "*";

    /// <summary>The column's value for these elements (empty for none, <see cref="Overflow"/> for too many).</summary>
    /// <param name="elementIds">The element ids.</param>
    /// <returns>The column value.</returns>
    public static string Format(IEnumerable<string> elementIds)
    {
        ArgumentNullException.ThrowIfNull(elementIds);
        var ids = elementIds.ToList();
        var value = ids.Count == 0 ? "" : Separator + string.Join(Separator, ids) + Separator;
        return value.Length > MaxLength ? Overflow : value;
    }

    /// <summary>The element ids in a column value (none for <c>null</c> or empty).</summary>
    /// <param name="value">The column value.</param>
    /// <returns>The ids.</returns>
    public static IReadOnlyList<string> Parse(string? value) =>
        string.IsNullOrEmpty(value) || value == Overflow ? [] : value.Split(Separator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What a column value contains when the instance waits at <paramref name="elementId"/>.</summary>
    /// <param name="elementId">The element id.</param>
    /// <returns>The id between separators.</returns>
    public static string Token(string elementId) => Separator + elementId + Separator;
}
