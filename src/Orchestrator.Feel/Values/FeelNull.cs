using System.Text.Json.Nodes;

namespace Orchestrator.Feel;

/// <summary>FEEL <c>null</c>; one instance.</summary>
public sealed class FeelNull : FeelValue
{
    private FeelNull()
    {
    }

    /// <summary>The one null value.</summary>
    public static FeelNull Instance { get; } = new();

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Null;

    /// <inheritdoc />
    public override JsonNode? ToJson() => null;
}
