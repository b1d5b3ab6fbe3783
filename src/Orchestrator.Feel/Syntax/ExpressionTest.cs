using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// An expression test. With <c>?</c> in it, its boolean result is the answer. Otherwise the input
/// is checked against the value: inside a range, an item of a list, equal to it — or, for a
/// boolean value and a non-boolean input, the boolean itself (DMN 1.4 §10.3.2.14 / table 54).
/// </summary>
internal sealed class ExpressionTest(Node expression, bool usesInput) : UnaryTest
{
    public override Node? Node => expression;

    public override bool? Test(FeelValue input, EvalState s, Scope scope)
    {
        var value = expression.Eval(s, scope);

        // A range literal that came out null (a null endpoint) cannot decide: null, not "not equal"
        // (DMN TCK 0072 null_001: 5 in (null..10] is null).
        return value.IsNull && expression is RangeNode && !usesInput ? null : Matches(input, value, usesInput);
    }

    public static bool? Matches(FeelValue input, FeelValue value, bool usesInput)
    {
        if (usesInput)
        {
            return value is FeelBoolean b ? b.Value : null;
        }

        switch (value)
        {
            case FeelRange r:
                return RangeOps.Includes(r, input);
            case FeelList l:
                bool? result = false;
                foreach (var item in l.Items)
                {
                    // Each item is a test of its own: a range contains, a list is tested in turn
                    // (5 in [[5]] is true), anything else compares; another kind is simply not equal.
                    var m = item switch
                    {
                        FeelRange ir => RangeOps.Includes(ir, input),
                        FeelList il => Matches(input, il, false),
                        _ => item.Kind == input.Kind || item.IsNull || input.IsNull ? FeelComparer.AreEqual(input, item) : false,
                    };
                    if (m == true)
                    {
                        return true;
                    }

                    if (m is null)
                    {
                        result = null;
                    }
                }

                return input is FeelList && FeelComparer.AreEqual(input, l) == true ? true : result;
            case FeelBoolean b when input is not FeelBoolean:
                return b.Value;
            default:
                return FeelComparer.AreEqual(input, value);
        }
    }
}
