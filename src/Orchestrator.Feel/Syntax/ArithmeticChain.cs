using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>A left-associative chain <c>a + b - c</c> (or <c>*</c>, <c>/</c>, <c>**</c>), flat so that long chains do not deepen the tree.</summary>
internal sealed class ArithmeticChain(int position, Node[] operands, ArithmeticOp[] ops) : Node(position)
{
    public override IEnumerable<Node> Children => operands;

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var acc = operands[0].Eval(s, scope);
        for (var i = 0; i < ops.Length; i++)
        {
            acc = Operators.Apply(ops[i], acc, operands[i + 1].Eval(s, scope), s);
        }

        return acc;
    }
}
