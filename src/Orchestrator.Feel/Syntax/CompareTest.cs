using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>&lt; e</c>, <c>&gt;= e</c>, <c>= e</c>, <c>!= e</c>.</summary>
internal sealed class CompareTest(CompareOp op, Node endpoint) : UnaryTest
{
    public override Node? Node => endpoint;

    public override bool? Test(FeelValue input, EvalState s, Scope scope) =>
        Operators.Compare(op, input, endpoint.Eval(s, scope), s) is FeelBoolean b ? b.Value : null;
}
