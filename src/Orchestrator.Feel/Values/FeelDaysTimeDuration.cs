using System.Text.Json.Nodes;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel;

/// <summary>A FEEL days-and-time duration (100-nanosecond precision, the range of <see cref="TimeSpan"/>).</summary>
/// <param name="value">The duration.</param>
public sealed class FeelDaysTimeDuration(TimeSpan value) : FeelValue
{
    /// <summary>The CLR value.</summary>
    public TimeSpan Value { get; } = value;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.DaysTimeDuration;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(TemporalFormat.Duration(Value));
}
