using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Evaluation;

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
