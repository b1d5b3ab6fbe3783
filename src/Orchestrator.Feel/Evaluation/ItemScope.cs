using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Evaluation;

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
