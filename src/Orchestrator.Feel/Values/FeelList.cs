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
