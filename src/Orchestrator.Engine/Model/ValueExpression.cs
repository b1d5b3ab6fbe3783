namespace Orchestrator.Engine.Model;

/// <summary>
/// An attribute value that is either a literal string or, when written with a leading <c>=</c>, FEEL.
/// </summary>
/// <param name="Text">The literal, or the FEEL text without its leading <c>=</c>.</param>
/// <param name="IsFeel">Whether <see cref="Text"/> is FEEL.</param>
public sealed record ValueExpression(string Text, bool IsFeel)
{
    /// <summary>Reads an attribute value: <c>=expr</c> is FEEL, anything else a literal.</summary>
    /// <param name="raw">The attribute text.</param>
    public static ValueExpression Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var trimmed = raw.TrimStart();
        return trimmed.StartsWith('=') ? new ValueExpression(trimmed[1..].Trim(), true) : new ValueExpression(raw, false);
    }

    /// <inheritdoc/>
    public override string ToString() => IsFeel ? "=" + Text : Text;
}
