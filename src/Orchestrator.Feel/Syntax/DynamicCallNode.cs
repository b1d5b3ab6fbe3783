using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>A call of whatever function value the callee evaluates to.</summary>
internal sealed class DynamicCallNode(int position, Node callee, Node[] args, string[]? names) : Node(position)
{
    public override IEnumerable<Node> Children => [callee, .. args];

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var f = callee.Eval(s, scope);
        var values = new FeelValue[args.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = args[i].Eval(s, scope);
        }

        if (f is not FeelFunction function)
        {
            return f.IsNull && callee is NameRef ? FeelNull.Instance : s.Warn($"cannot call {Operators.TypeName(f)}: it is not a function");
        }

        return names is null ? function.Target.Invoke(values, s) : function.Target.InvokeNamed(names, values, s);
    }
}
