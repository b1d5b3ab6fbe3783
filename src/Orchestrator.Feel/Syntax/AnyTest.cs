using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>-</c>: any input.</summary>
internal sealed class AnyTest : UnaryTest
{
    public override Node? Node => null;

    public override bool? Test(FeelValue input, EvalState s, Scope scope) => true;
}
