namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:scriptTask</c> whose script is FEEL.</summary>
public sealed class ScriptTask : Activity
{
    /// <inheritdoc/>
    public override string Kind => "scriptTask";

    /// <summary>The FEEL body (a leading <c>=</c> already removed).</summary>
    public required string Script { get; init; }

    /// <summary>The variable the result is written to; <c>null</c> discards it.</summary>
    public string? ResultVariable { get; init; }
}
