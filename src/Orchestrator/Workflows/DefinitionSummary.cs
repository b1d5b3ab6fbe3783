
namespace Orchestrator.Workflows;

/// <summary>One deployed version of a process.</summary>
public sealed record DefinitionSummary(string ProcessId, string? Name, int Version, string ContentHash, string DeployedBy, DateTimeOffset DeployedAt);
