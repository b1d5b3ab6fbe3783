using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Runtime;

/// <summary>An open message subscription.</summary>
public sealed class SubscriptionState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The execution it belongs to.</summary>
    public int Exec { get; set; }

    /// <summary>The catching element id.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>The message name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The correlation key, if any.</summary>
    public string? Key { get; set; }
}
