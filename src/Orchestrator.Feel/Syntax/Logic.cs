namespace Orchestrator.Feel.Syntax;

internal static class Logic
{
    public static FeelValue And(FeelValue a, FeelValue b)
    {
        if (a == FeelBoolean.False || b == FeelBoolean.False)
        {
            return FeelBoolean.False;
        }

        return a == FeelBoolean.True && b == FeelBoolean.True ? FeelBoolean.True : FeelNull.Instance;
    }
}
