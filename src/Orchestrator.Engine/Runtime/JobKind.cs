namespace Orchestrator.Engine.Runtime;

/// <summary>Whether a job is a service task or a send task attempt.</summary>
public enum JobKind
{
    /// <summary>A service task.</summary>
    Service,

    /// <summary>A send task (notification).</summary>
    Send,
}
