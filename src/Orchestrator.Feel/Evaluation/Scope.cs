using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Evaluation;

/// <summary>A level of name bindings; lookups walk outwards to the caller's variables.</summary>
internal abstract class Scope(Scope? parent)
{
    public Scope? Parent { get; } = parent;

    protected abstract bool TryGetLocal(string name, [MaybeNullWhen(false)] out FeelValue value);

    public bool TryLookup(string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.TryGetLocal(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>The caller's variables.</summary>
internal sealed class RootScope(FeelContext variables) : Scope(null)
{
    public static RootScope Empty { get; } = new(FeelContext.Empty);

    protected override bool TryGetLocal(string name, [MaybeNullWhen(false)] out FeelValue value) => variables.TryGetValue(name, out value);
}

/// <summary>One name (a loop variable, <c>?</c>).</summary>
internal sealed class VariableScope(string name, FeelValue value, Scope parent) : Scope(parent)
{
    protected override bool TryGetLocal(string n, [MaybeNullWhen(false)] out FeelValue v)
    {
        if (string.Equals(n, name, StringComparison.Ordinal))
        {
            v = value;
            return true;
        }

        v = null;
        return false;
    }
}

/// <summary>Several names (function parameters, loop variables with <c>partial</c>).</summary>
internal sealed class MultiScope(string[] names, FeelValue[] values, Scope parent) : Scope(parent)
{
    protected override bool TryGetLocal(string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                value = values[i];
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>A filter's item: <c>item</c>, and the item's entries when it is a context.</summary>
internal sealed class ItemScope(FeelValue item, Scope parent) : Scope(parent)
{
    protected override bool TryGetLocal(string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        if (item is FeelContext c && c.TryGetValue(name, out value))
        {
            return true;
        }

        if (string.Equals(name, "item", StringComparison.Ordinal))
        {
            value = item;
            return true;
        }

        value = null;
        return false;
    }
}

/// <summary>A context literal under construction: later entries see earlier ones (and functions see all).</summary>
internal sealed class ContextScope(Scope parent, int capacity) : Scope(parent)
{
    public string[] Keys { get; } = new string[capacity];

    public FeelValue[] Values { get; } = new FeelValue[capacity];

    public int Count { get; private set; }

    public void Add(string key, FeelValue value)
    {
        Keys[Count] = key;
        Values[Count] = value;
        Count++;
    }

    protected override bool TryGetLocal(string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(Keys[i], name, StringComparison.Ordinal))
            {
                value = Values[i];
                return true;
            }
        }

        value = null;
        return false;
    }
}
