using System.Text.Json.Nodes;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel;

/// <summary>A FEEL date (years 1-9999: the range of <see cref="DateOnly"/>, narrower than FEEL's).</summary>
/// <param name="value">The date.</param>
public sealed class FeelDate(DateOnly value) : FeelValue
{
    /// <summary>The CLR value.</summary>
    public DateOnly Value { get; } = value;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Date;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(TemporalFormat.Date(Value));
}
