namespace Orchestrator.Engine.Runtime;

/// <summary>The multi-instance role of an execution.</summary>
public enum MultiInstanceRole
{
    /// <summary>Not part of a multi-instance activity.</summary>
    None,

    /// <summary>The body that owns the instances, the counters and the boundary events.</summary>
    Body,

    /// <summary>One instance of the activity.</summary>
    Inner,
}
