using System.Text.Json.Nodes;

namespace Orchestrator.Feel;

/// <summary>A FEEL list (immutable).</summary>
public sealed class FeelList : FeelValue
{
    private readonly FeelValue[] _items;

    /// <summary>A list of the given items (copied).</summary>
    /// <param name="items">The items; a null item reference becomes FEEL null.</param>
    public FeelList(IEnumerable<FeelValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items.Select(i => i ?? FeelNull.Instance)];
    }

    private FeelList(FeelValue[] items, bool _) => _items = items;

    /// <summary>The empty list.</summary>
    public static FeelList Empty { get; } = new([], false);

    /// <summary>The items.</summary>
    public IReadOnlyList<FeelValue> Items => _items;

    /// <summary>The number of items.</summary>
    public int Count => _items.Length;

    /// <summary>The item at a 0-based index.</summary>
    /// <param name="index">0-based index.</param>
    public FeelValue this[int index] => _items[index];

    internal ReadOnlySpan<FeelValue> Span => _items;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.List;

    /// <summary>Wraps an array the caller will never change again (no copy).</summary>
    internal static FeelList Wrap(FeelValue[] items) => items.Length == 0 ? Empty : new(items, false);

    /// <inheritdoc />
    public override JsonNode? ToJson()
    {
        var array = new JsonArray();
        foreach (var item in _items)
        {
            array.Add(item.ToJson());
        }

        return array;
    }
}

/// <summary>A FEEL range (interval). An unbounded end is <see cref="FeelNull"/> (FEEL 1.4 ranges such as <c>&lt; 10</c>).</summary>
/// <param name="start">The start point, or null when unbounded.</param>
/// <param name="startIncluded">Whether the start point belongs to the range.</param>
/// <param name="end">The end point, or null when unbounded.</param>
/// <param name="endIncluded">Whether the end point belongs to the range.</param>
public sealed class FeelRange(FeelValue start, bool startIncluded, FeelValue end, bool endIncluded) : FeelValue
{
    /// <summary>The start point; <see cref="FeelNull"/> when unbounded.</summary>
    public FeelValue Start { get; } = start ?? FeelNull.Instance;

    /// <summary>Whether the start point belongs to the range.</summary>
    public bool StartIncluded { get; } = startIncluded;

    /// <summary>The end point; <see cref="FeelNull"/> when unbounded.</summary>
    public FeelValue End { get; } = end ?? FeelNull.Instance;

    /// <summary>Whether the end point belongs to the range.</summary>
    public bool EndIncluded { get; } = endIncluded;

    /// <summary>
    /// For the DMN 1.5 unary comparisons written as values, <c>(= 10)</c> and <c>(!= 10)</c>: <c>"="</c> or <c>"!="</c>
    /// (the point is both start and end). Such a range holds the values equal (not equal) to the point, is equal only to
    /// a range written the same way (<c>(=10) = [10..10]</c> is false, as the DMN TCK has it), and prints as written.
    /// </summary>
    internal string? Comparison { get; private init; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Range;

    /// <summary>The range of <c>(= point)</c> or, when <paramref name="notEqual"/>, <c>(!= point)</c>.</summary>
    internal static FeelRange OfComparison(FeelValue point, bool notEqual) =>
        new(point, !notEqual, point, !notEqual) { Comparison = notEqual ? "!=" : "=" };

    /// <summary>Ranges have no JSON form; they are written as their FEEL text, e.g. <c>"[1..10]"</c>.</summary>
    /// <returns>A JSON string.</returns>
    public override JsonNode? ToJson() => JsonValue.Create(ToString());
}
