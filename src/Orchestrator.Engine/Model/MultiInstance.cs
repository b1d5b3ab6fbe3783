namespace Orchestrator.Engine.Model;

/// <summary>
/// <c>multiInstanceLoopCharacteristics</c>: run the activity once per collection item, or a number of times,
/// in parallel or one after the other.
/// </summary>
public sealed record MultiInstance
{
    /// <summary><c>isSequential</c>.</summary>
    public bool IsSequential { get; init; }

    /// <summary><c>loopCardinality</c> as FEEL text; used when there is no <see cref="Collection"/>.</summary>
    public string? LoopCardinality { get; init; }

    /// <summary>The input collection as FEEL text (<c>orc:collection</c> / <c>camunda:collection</c>).</summary>
    public string? Collection { get; init; }

    /// <summary>The variable each instance sees its item as (<c>orc:elementVariable</c>).</summary>
    public string? ElementVariable { get; init; }

    /// <summary><c>completionCondition</c> as FEEL text; when true the remaining instances are cancelled.</summary>
    public string? CompletionCondition { get; init; }

    /// <summary>The variable that receives the list of results (<c>orc:outputCollection</c>).</summary>
    public string? OutputCollection { get; init; }

    /// <summary>FEEL text evaluated in each finished instance to give its result (<c>orc:outputElement</c>).</summary>
    public string? OutputElement { get; init; }
}
