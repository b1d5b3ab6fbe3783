using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>(= x)</c> or <c>(!= x)</c> written as a value: the range of the values equal (not equal) to x (DMN 1.5).</summary>
internal sealed class ComparisonRangeNode(int position, Node point, bool notEqual) : Node(position)
{
    public override IEnumerable<Node> Children => [point];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var value = point.Eval(s, scope);
        return value.IsNull ? s.Warn("a unary comparison's point is null") : FeelRange.OfComparison(value, notEqual);
    }
}
