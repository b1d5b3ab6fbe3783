using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Runtime;

/// <summary>One execution: a token at an element, or a scope holding child executions and variables.</summary>
public sealed class ExecutionState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The parent execution (its scope); <c>null</c> for the process scope.</summary>
    public int? Parent { get; set; }

    /// <summary>The element it is at (the process id for the process scope).</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>What it is doing.</summary>
    public ExecutionPhase Phase { get; set; }

    /// <summary>The sequence flow it arrived by (used by joins).</summary>
    public string? Flow { get; set; }

    /// <summary>Local variables.</summary>
    public JsonObject? Vars { get; set; }

    /// <summary>Multi-instance role.</summary>
    public MultiInstanceRole Mi { get; set; }

    /// <summary>Multi-instance bookkeeping of a body.</summary>
    public LoopState? Loop { get; set; }

    /// <summary>The called child instance of a call activity.</summary>
    public string? Child { get; set; }

    /// <summary>Set when the execution was removed during the current command (never serialised).</summary>
    [JsonIgnore]
    internal bool Removed { get; set; }
}
