namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:receiveTask</c>: waits for a message.</summary>
public sealed class ReceiveTask : Activity, IFollowedUpTask
{
    /// <inheritdoc/>
    public ValueExpression? Reminder { get; init; }

    /// <inheritdoc/>
    public ValueExpression? EscalateAfter { get; init; }

    /// <inheritdoc/>
    public ValueExpression? EscalateTo { get; init; }

    /// <inheritdoc/>
    public override string Kind => "receiveTask";

    /// <summary>The message waited for; <c>null</c> when missing (a validation error).</summary>
    public MessageDeclaration? Message { get; init; }

    /// <summary>The correlation key expression (<c>orc:correlationKey</c>, else the message's).</summary>
    public ValueExpression? CorrelationKey { get; init; }
}
