using System.Text.Json.Nodes;

namespace Orchestrator.Feel.Tests;

/// <summary>
/// feelin's answer for one expression: either a value (as JSON, with its FEEL type tree; see
/// tests/node/feel-json.mjs) or an error (feelin threw: <c>syntax</c> or <c>exception</c>).
/// </summary>
internal sealed record FeelinAnswer(string Id, JsonNode? Value, JsonNode? Type, string? Error, string? ErrorKind, IReadOnlyList<string> Warnings)
{
    public bool IsError => Error is not null;
}
