using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>One positive unary test.</summary>
internal abstract class UnaryTest
{
    public abstract Node? Node { get; }

    public abstract bool? Test(FeelValue input, EvalState s, Scope scope);
}
