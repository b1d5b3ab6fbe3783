namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:callActivity</c>: starts another process as a child instance and waits for it.</summary>
public sealed class CallActivity : Activity
{
    /// <inheritdoc/>
    public override string Kind => "callActivity";

    /// <summary>The called process id, literal or FEEL.</summary>
    public required ValueExpression CalledElement { get; init; }

    /// <summary>Latest or a pinned version.</summary>
    public CalledVersionBinding Binding { get; init; }

    /// <summary>The pinned version when <see cref="Binding"/> is <see cref="CalledVersionBinding.Version"/>.</summary>
    public int? CalledVersion { get; init; }

    /// <summary>Variables passed to the child (<c>camunda:in</c>); with <see cref="PassAllVariablesIn"/> everything is.</summary>
    public IReadOnlyList<VariableMapping> InMappings { get; init; } = [];

    /// <summary>Variables copied back from the child on completion (<c>camunda:out</c>).</summary>
    public IReadOnlyList<VariableMapping> OutMappings { get; init; } = [];

    /// <summary><c>camunda:in variables="all"</c>.</summary>
    public bool PassAllVariablesIn { get; init; }

    /// <summary><c>camunda:out variables="all"</c>.</summary>
    public bool PassAllVariablesOut { get; init; }
}
