using System.Text.Json.Nodes;

namespace Orchestrator.Feel;

/// <summary>A FEEL string.</summary>
/// <param name="value">The value.</param>
public sealed class FeelString(string value) : FeelValue
{
    /// <summary>The empty string.</summary>
    public static FeelString Empty { get; } = new(string.Empty);

    /// <summary>The CLR value.</summary>
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.String;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(Value);
}
