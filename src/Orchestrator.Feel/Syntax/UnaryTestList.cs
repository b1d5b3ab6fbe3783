using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>A disjunction of positive tests, optionally negated (<c>not(...)</c>).</summary>
internal sealed class UnaryTestList(UnaryTest[] tests, bool negated, bool usesInput)
{
    public IEnumerable<Node> Nodes => tests.Select(t => t.Node).OfType<Node>();

    /// <summary>True, false, or null when no test held and some could not be decided.</summary>
    public FeelValue Evaluate(FeelValue input, EvalState s, Scope scope)
    {
        if (usesInput)
        {
            scope = new VariableScope("?", input, scope);
        }

        var sawNull = false;
        foreach (var test in tests)
        {
            var r = test.Test(input, s, scope);
            if (r == true)
            {
                return FeelBoolean.Of(!negated);
            }

            if (r is null)
            {
                sawNull = true;
            }
        }

        return sawNull ? FeelNull.Instance : FeelBoolean.Of(negated);
    }
}
