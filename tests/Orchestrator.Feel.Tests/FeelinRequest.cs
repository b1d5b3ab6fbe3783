using System.Text.Json.Nodes;

namespace Orchestrator.Feel.Tests;

/// <summary>One expression for feelin, and feelin's answer.</summary>
internal sealed record FeelinRequest(string Id, string Expression, JsonObject? Context);
