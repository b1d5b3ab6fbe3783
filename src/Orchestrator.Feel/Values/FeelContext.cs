using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Orchestrator.Feel;

/// <summary>
/// A FEEL context: ordered name/value entries with unique names. It is both a value and the
/// variables an expression is evaluated against.
/// </summary>
public sealed class FeelContext : FeelValue
{
    // Linear search beats hashing for the handful of entries a typical context has.
    private const int IndexThreshold = 8;
    private readonly string[] _keys;
    private readonly FeelValue[] _values;
    private readonly Dictionary<string, int>? _index;

    private FeelContext(string[] keys, FeelValue[] values)
    {
        _keys = keys;
        _values = values;
        if (keys.Length > IndexThreshold)
        {
            _index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                _index[keys[i]] = i;
            }
        }
    }

    /// <summary>The empty context.</summary>
    public static FeelContext Empty { get; } = new([], []);

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Context;

    /// <summary>The number of entries.</summary>
    public int Count => _keys.Length;

    /// <summary>The entry names, in order.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, FeelValue>> Entries => [.. _keys.Select((k, i) => new KeyValuePair<string, FeelValue>(k, _values[i]))];

    /// <summary>The value of an entry, or <see cref="FeelNull"/> when there is none.</summary>
    /// <param name="name">The entry name.</param>
    public FeelValue this[string name] => TryGetValue(name, out var v) ? v : FeelNull.Instance;

    /// <summary>Looks an entry up by name.</summary>
    /// <param name="name">The entry name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>Whether the entry exists.</returns>
    public bool TryGetValue(string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            value = null;
            return false;
        }

        value = _values[i];
        return true;
    }

    /// <summary>Whether an entry exists.</summary>
    /// <param name="name">The entry name.</param>
    /// <returns>Whether it exists.</returns>
    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    /// <summary>A copy with one entry replaced or appended.</summary>
    /// <param name="name">The entry name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new context.</returns>
    public FeelContext With(string name, FeelValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var i = IndexOf(name);
        if (i >= 0)
        {
            var values = (FeelValue[])_values.Clone();
            values[i] = value ?? FeelNull.Instance;
            return new FeelContext(_keys, values);
        }

        return new FeelContext([.. _keys, name], [.. _values, value ?? FeelNull.Instance]);
    }

    /// <summary>A context of the given entries; a later entry with the same name replaces an earlier one.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The context.</returns>
    public static FeelContext Create(IEnumerable<KeyValuePair<string, FeelValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var keys = new List<string>();
        var values = new List<FeelValue>();
        foreach (var (k, v) in entries)
        {
            ArgumentNullException.ThrowIfNull(k, nameof(entries));
            var existing = keys.IndexOf(k);
            if (existing >= 0)
            {
                values[existing] = v ?? FeelNull.Instance;
            }
            else
            {
                keys.Add(k);
                values.Add(v ?? FeelNull.Instance);
            }
        }

        return keys.Count == 0 ? Empty : new FeelContext([.. keys], [.. values]);
    }

    /// <summary>A context of name/value pairs: <c>FeelContext.From(("age", FeelValue.From(17)))</c>.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The context.</returns>
    public static FeelContext From(params (string Name, FeelValue Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Create(entries.Select(e => new KeyValuePair<string, FeelValue>(e.Name, e.Value)));
    }

    /// <summary>Converts a JSON object (see <see cref="FeelValue.FromJson"/>); the conversion is eager, so later changes to the object are not seen.</summary>
    /// <param name="json">The object.</param>
    /// <returns>The context.</returns>
    public static FeelContext FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var keys = new string[json.Count];
        var values = new FeelValue[json.Count];
        var i = 0;
        foreach (var (k, v) in json)
        {
            keys[i] = k;
            values[i] = FeelValue.FromJson(v);
            i++;
        }

        return i == 0 ? Empty : new FeelContext(keys, values);
    }

    /// <inheritdoc />
    public override JsonNode? ToJson()
    {
        var o = new JsonObject();
        for (var i = 0; i < _keys.Length; i++)
        {
            o[_keys[i]] = _values[i].ToJson();
        }

        return o;
    }

    internal static FeelContext Wrap(string[] keys, FeelValue[] values) => keys.Length == 0 ? Empty : new(keys, values);

    internal string KeyAt(int i) => _keys[i];

    internal FeelValue ValueAt(int i) => _values[i];

    private int IndexOf(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var i) ? i : -1;
        }

        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
