using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class NameRef(int position, string name) : Node(position)
{
    public string Name { get; } = name;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        if (scope.TryLookup(Name, out var value))
        {
            return value;
        }

        if (Builtins.BuiltinRegistry.TryGet(Name, out var builtin))
        {
            return builtin.AsValue;
        }

        return s.Warn($"no variable named '{Name}'");
    }
}
