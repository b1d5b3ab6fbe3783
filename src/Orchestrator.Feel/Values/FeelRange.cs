using System.Text.Json.Nodes;

namespace Orchestrator.Feel;

/// <summary>A FEEL range (interval). An unbounded end is <see cref="FeelNull"/> (FEEL 1.4 ranges such as <c>&lt; 10</c>).</summary>
/// <param name="start">The start point, or null when unbounded.</param>
/// <param name="startIncluded">Whether the start point belongs to the range.</param>
/// <param name="end">The end point, or null when unbounded.</param>
/// <param name="endIncluded">Whether the end point belongs to the range.</param>
public sealed class FeelRange(FeelValue start, bool startIncluded, FeelValue end, bool endIncluded) : FeelValue
{
    /// <summary>The start point; <see cref="FeelNull"/> when unbounded.</summary>
    public FeelValue Start { get; } = start ?? FeelNull.Instance;

    /// <summary>Whether the start point belongs to the range.</summary>
    public bool StartIncluded { get; } = startIncluded;

    /// <summary>The end point; <see cref="FeelNull"/> when unbounded.</summary>
    public FeelValue End { get; } = end ?? FeelNull.Instance;

    /// <summary>Whether the end point belongs to the range.</summary>
    public bool EndIncluded { get; } = endIncluded;

    /// <summary>
    /// For the DMN 1.5 unary comparisons written as values, <c>(= 10)</c> and <c>(!= 10)</c>: <c>"="</c> or <c>"!="</c>
    /// (the point is both start and end). Such a range holds the values equal (not equal) to the point, is equal only to
    /// a range written the same way (<c>(=10) = [10..10]</c> is false, as the DMN TCK has it), and prints as written.
    /// </summary>
    internal string? Comparison { get; private init; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Range;

    /// <summary>The range of <c>(= point)</c> or, when <paramref name="notEqual"/>, <c>(!= point)</c>.</summary>
    internal static FeelRange OfComparison(FeelValue point, bool notEqual) =>
        new(point, !notEqual, point, !notEqual) { Comparison = notEqual ? "!=" : "=" };

    /// <summary>Ranges have no JSON form; they are written as their FEEL text, e.g. <c>"[1..10]"</c>.</summary>
    /// <returns>A JSON string.</returns>
    public override JsonNode? ToJson() => JsonValue.Create(ToString());
}
