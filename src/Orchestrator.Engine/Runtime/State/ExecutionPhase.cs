namespace Orchestrator.Engine.Runtime;

/// <summary>What an execution is doing now.</summary>
public enum ExecutionPhase
{
    /// <summary>About to execute its element (on the agenda; only seen after a step-budget stop).</summary>
    Enter,

    /// <summary>Its element is done; about to take the outgoing flows (on the agenda).</summary>
    Leave,

    /// <summary>Waiting for something outside: a task, a message, a timer, a job or a child instance.</summary>
    Wait,

    /// <summary>A scope with child executions: the process, a sub-process, an event sub-process or a multi-instance body.</summary>
    Scope,

    /// <summary>Arrived at a joining gateway and waiting for the other tokens.</summary>
    Join,

    /// <summary>Stopped by an incident; a retry continues it.</summary>
    Incident,
}
