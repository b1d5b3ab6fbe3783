namespace Orchestrator.Feel.Syntax;

/// <summary>A syntax error at an offset; caught by <see cref="Parser.Parse"/> and never seen by callers.</summary>
#pragma warning disable CA1064 // Internal by design: Parser.Parse turns it into a FeelSyntaxError.
internal sealed class ParseException(int position, string message) : Exception(message)
{
    public int Position { get; } = position;
}
#pragma warning restore CA1064
