using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Runtime;

/// <summary>An open incident.</summary>
public sealed class IncidentState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The execution stopped by it.</summary>
    public int Exec { get; set; }

    /// <summary>The element.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>The kind (see <see cref="IncidentTypes"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>What went wrong.</summary>
    public string Message { get; set; } = "";

    /// <summary>When it was raised.</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>What a retry does: re-enter the element (<c>enter</c>), complete it again (<c>complete</c>), re-take its flows (<c>leave</c>), a new job (<c>job</c>), or resume every stopped token (<c>budget</c>).</summary>
    public string Resume { get; set; } = "";
}
