namespace Orchestrator.Engine.Runtime;

/// <summary>A child instance a call activity needs started.</summary>
/// <param name="Command">The start command for the child (with its id, version, variables and parent link).</param>
public sealed record ChildInstanceStart(StartInstance Command);
