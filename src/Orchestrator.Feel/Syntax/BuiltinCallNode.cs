using Orchestrator.Feel.Builtins;
using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>A call of a built-in resolved when parsing (positional, or named when <paramref name="names"/> is set).</summary>
internal sealed class BuiltinCallNode(int position, Builtin builtin, Node[] args, string[]? names) : Node(position)
{
    public Builtin Builtin { get; } = builtin;

    public override IEnumerable<Node> Children => args;

    public override bool Foldable => Builtin.Pure;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var values = args.Length == 0 ? [] : new FeelValue[args.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = args[i].Eval(s, scope);
        }

        return names is null ? Builtin.Invoke(values, s) : Builtin.InvokeNamed(names, values, s);
    }
}
