using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>Three-valued <c>or</c> over a chain: true wins, then null, then false.</summary>
internal sealed class OrNode(int position, Node[] operands) : Node(position)
{
    public override IEnumerable<Node> Children => operands;

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var sawNull = false;
        foreach (var operand in operands)
        {
            var v = operand.Eval(s, scope);
            if (v is FeelBoolean b)
            {
                if (b.Value)
                {
                    return FeelBoolean.True;
                }
            }
            else
            {
                sawNull = true;
            }
        }

        return sawNull ? FeelNull.Instance : FeelBoolean.False;
    }
}
