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
