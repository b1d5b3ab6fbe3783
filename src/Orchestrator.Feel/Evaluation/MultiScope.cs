using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Evaluation;

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
