namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:sendTask</c>: sends a notification through the handler the host registers for it.</summary>
public sealed class SendTask : Activity
{
    /// <inheritdoc/>
    public override string Kind => "sendTask";

    /// <summary><c>orc:template</c>: the template key.</summary>
    public ValueExpression? Template { get; init; }

    /// <summary><c>orc:to</c>: recipients, FEEL giving an address or a list.</summary>
    public ValueExpression? To { get; init; }

    /// <summary><c>orc:language</c>: the recipient's language (<c>es</c> by default).</summary>
    public ValueExpression? Language { get; init; }

    /// <summary><c>orc:type</c>, when a handler other than the notification handler sends it.</summary>
    public string? Type { get; init; }

    /// <summary><c>orc:retries</c>.</summary>
    public int Retries { get; init; } = 3;
}
