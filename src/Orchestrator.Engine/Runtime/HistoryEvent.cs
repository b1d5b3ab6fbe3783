using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Runtime;

/// <summary>One entry of the audit trail. The host stores these append-only.</summary>
/// <param name="At">When (the engine's clock).</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Type">What happened.</param>
public sealed record HistoryEvent(DateTimeOffset At, string InstanceId, HistoryEventType Type)
{
    /// <summary>The element, if any.</summary>
    public string? ElementId { get; init; }

    /// <summary>The element's kind (<c>userTask</c>…), or <c>multiInstanceBody</c>.</summary>
    public string? ElementKind { get; init; }

    /// <summary>The task, timer, job, incident or subscription id the event is about.</summary>
    public string? ItemId { get; init; }

    /// <summary>The user who acted.</summary>
    public string? UserId { get; init; }

    /// <summary>The variable name, or the message name.</summary>
    public string? Name { get; init; }

    /// <summary>The variable's new value.</summary>
    public JsonNode? Value { get; init; }

    /// <summary>More detail (incident message, error code, reason).</summary>
    public string? Detail { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{At:O} {Type} {ElementId}{(ItemId is null ? "" : " " + ItemId)}{(Detail is null ? "" : ": " + Detail)}";
}
