
namespace Orchestrator.Workflows;

/// <summary>One process deployed (or found unchanged).</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Version">Its version.</param>
/// <param name="Created">Whether a new version was created (false when the content was unchanged).</param>
public sealed record DeploymentOutcome(string ProcessId, int Version, bool Created);
