using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Runtime;

/// <summary>Multi-instance bookkeeping kept on the body.</summary>
public sealed class LoopState
{
    /// <summary>The input collection (kept for sequential instances).</summary>
    public JsonArray? Items { get; set; }

    /// <summary>The output collection being filled, by instance.</summary>
    public JsonArray? Out { get; set; }
}
