namespace Orchestrator.Engine.Model;

/// <summary>A start, end, intermediate or boundary event; its trigger or result is its <see cref="Definition"/>.</summary>
public abstract class EventNode : FlowNode
{
    /// <summary>The one event definition; <c>null</c> for a none event.</summary>
    public EventDefinition? Definition { get; init; }
}
