using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Runtime;

/// <summary>A pending job: one attempt of a service or send task.</summary>
public sealed class JobState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The execution waiting for it.</summary>
    public int Exec { get; set; }

    /// <summary>The task element id.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>The handler type.</summary>
    public string Type { get; set; } = "";

    /// <summary>Attempts left, this one included.</summary>
    public int Retries { get; set; }

    /// <summary>Not before this time (back-off after a failure).</summary>
    public DateTimeOffset? Due { get; set; }
}
