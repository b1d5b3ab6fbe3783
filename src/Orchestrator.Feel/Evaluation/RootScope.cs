using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Evaluation;

/// <summary>The caller's variables.</summary>
internal sealed class RootScope(FeelContext variables) : Scope(null)
{
    public static RootScope Empty { get; } = new(FeelContext.Empty);

    protected override bool TryGetLocal(string name, [MaybeNullWhen(false)] out FeelValue value) => variables.TryGetValue(name, out value);
}
