namespace Orchestrator.Feel;

/// <summary>A semantic problem met during evaluation; the spec turns it into null.</summary>
/// <param name="Message">What went wrong.</param>
public sealed record FeelWarning(string Message);
