using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Evaluation;

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
