using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class FunctionNode(int position, string[] parameters, FeelType?[]? types, Node body) : Node(position)
{
    public override IEnumerable<Node> Children => [body];

    public override FeelValue Eval(EvalState s, Scope scope) => new FeelFunction(new LambdaCallable(parameters, types, body, scope));
}
