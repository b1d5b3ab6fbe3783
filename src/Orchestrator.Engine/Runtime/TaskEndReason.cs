namespace Orchestrator.Engine.Runtime;

/// <summary>How a user task ended.</summary>
public enum TaskEndReason
{
    /// <summary>Completed by someone.</summary>
    Completed,

    /// <summary>Cancelled with its scope (boundary event, cancellation, terminate end).</summary>
    Cancelled,
}
