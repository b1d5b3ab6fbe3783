namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:task</c> or <c>bpmn:manualTask</c>: passes straight through.</summary>
public sealed class PassThroughTask : Activity
{
    /// <summary>The BPMN local name, <c>task</c> or <c>manualTask</c>.</summary>
    public required string ElementName { get; init; }

    /// <inheritdoc/>
    public override string Kind => ElementName;
}
