using System.Text.Json.Nodes;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel;

/// <summary>A FEEL years-and-months duration, held as a number of months.</summary>
/// <param name="totalMonths">The duration in months.</param>
public sealed class FeelYearsMonthsDuration(int totalMonths) : FeelValue
{
    /// <summary>The duration in months (negative for a negative duration).</summary>
    public int TotalMonths { get; } = totalMonths;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.YearsMonthsDuration;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(TemporalFormat.Duration(TotalMonths));
}
