using System.Text.Json.Nodes;

namespace Orchestrator.Feel;

/// <summary>A FEEL boolean; two instances, <see cref="True"/> and <see cref="False"/>.</summary>
public sealed class FeelBoolean : FeelValue
{
    private FeelBoolean(bool value) => Value = value;

    /// <summary><c>true</c>.</summary>
    public static FeelBoolean True { get; } = new(true);

    /// <summary><c>false</c>.</summary>
    public static FeelBoolean False { get; } = new(false);

    /// <summary>The CLR value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Boolean;

    /// <summary>The cached instance for a CLR boolean.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see cref="True"/> or <see cref="False"/>.</returns>
    public static FeelBoolean Of(bool value) => value ? True : False;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(Value);
}
