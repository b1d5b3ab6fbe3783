using System.Text.Json.Nodes;
using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel;

/// <summary>A FEEL function value: a built-in or a <c>function(a, b) ...</c> definition.</summary>
public sealed class FeelFunction : FeelValue
{
    internal FeelFunction(Callable target) => Target = target;

    internal Callable Target { get; }

    /// <summary>The built-in's name; null for a function definition.</summary>
    public string? Name => Target.Name;

    /// <summary>The parameter names (of the first signature, for built-ins with several).</summary>
    public IReadOnlyList<string> ParameterNames => Target.ParameterNames;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Function;

    /// <summary>Functions have no JSON form: null.</summary>
    /// <returns>Null.</returns>
    public override JsonNode? ToJson() => null;
}
