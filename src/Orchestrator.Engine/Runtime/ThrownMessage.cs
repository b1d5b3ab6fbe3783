using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Runtime;

/// <summary>A message thrown by a message end or intermediate throw event.</summary>
/// <param name="Name">The message name.</param>
/// <param name="CorrelationKey">The correlation key, if any.</param>
/// <param name="Variables">The payload (the element's input-mapped local variables).</param>
public sealed record ThrownMessage(string Name, string? CorrelationKey, JsonObject? Variables);
