namespace Orchestrator.Feel;

/// <summary>A syntax error at a 1-based line and column; the message names what was found and what was expected.</summary>
/// <param name="Line">1-based line of the error.</param>
/// <param name="Column">1-based column (in UTF-16 characters) of the error.</param>
/// <param name="Message">What was found and what was expected there.</param>
public sealed record FeelSyntaxError(int Line, int Column, string Message)
{
    /// <summary>Formats the error as <c>line L, column C: message</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() => $"line {Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}, column {Column.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Message}";
}
