namespace Orchestrator.Engine.Runtime;

/// <summary>The life-cycle status of a process instance.</summary>
public enum InstanceStatus
{
    /// <summary>Running or waiting.</summary>
    Active,

    /// <summary>Every token reached an end event.</summary>
    Completed,

    /// <summary>Cancelled by a command (or by the parent of a called instance).</summary>
    Cancelled,

    /// <summary>Ended by a terminate end event at process level.</summary>
    Terminated,
}
