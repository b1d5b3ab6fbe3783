#pragma warning disable SA1402 // a family of small records: the commands the runtime applies, one small record per case of WorkflowCommand.
using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Runtime;

/// <summary>A command for <see cref="WorkflowEngine.Execute"/>: everything that can happen to an instance.</summary>
public abstract record WorkflowCommand;

/// <summary>Starts a new instance (the state passed to <see cref="WorkflowEngine.Execute"/> must be <c>null</c>).</summary>
/// <param name="ProcessId">The process id.</param>
public sealed record StartInstance(string ProcessId) : WorkflowCommand
{
    /// <summary>A pinned version; <c>null</c> for the latest.</summary>
    public int? Version { get; init; }

    /// <summary>The instance id; the engine makes a GUID when <c>null</c>.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Initial process variables.</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>The business key.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>The start event to start at (a message or timer start); <c>null</c> for the none start event.</summary>
    public string? StartEventId { get; init; }

    /// <summary>Set when a call activity starts the instance.</summary>
    public ParentLink? Parent { get; init; }

    /// <summary>Who started it (for history).</summary>
    public string? UserId { get; init; }
}

/// <summary>
/// Sets process variables from outside the flow, as an operator does to repair the data an incident needs (a missing
/// collection, correlation key or date); retry the incident afterwards. Each change is in the history with its user.
/// </summary>
/// <param name="Variables">The variables to set on the process scope.</param>
public sealed record SetInstanceVariables(JsonObject Variables) : WorkflowCommand
{
    /// <summary>Who set them.</summary>
    public string? UserId { get; init; }
}

/// <summary>Completes an open user task.</summary>
/// <param name="TaskId">The task id.</param>
public sealed record CompleteUserTask(string TaskId) : WorkflowCommand
{
    /// <summary>Variables the task completes with.</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>Who completed it.</summary>
    public string? UserId { get; init; }
}

/// <summary>Claims an open user task for a user (fails when someone else holds it).</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="UserId">The claiming user.</param>
public sealed record ClaimUserTask(string TaskId, string UserId) : WorkflowCommand;

/// <summary>Gives a claimed task back to its candidates.</summary>
/// <param name="TaskId">The task id.</param>
public sealed record UnclaimUserTask(string TaskId) : WorkflowCommand
{
    /// <summary>Who unclaimed it.</summary>
    public string? UserId { get; init; }
}

/// <summary>Sets (or clears) a task's assignee.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Assignee">The new assignee; <c>null</c> clears it.</param>
public sealed record AssignUserTask(string TaskId, string? Assignee) : WorkflowCommand
{
    /// <summary>Who assigned it.</summary>
    public string? UserId { get; init; }
}

/// <summary>Delivers a message to this instance: the first open subscription with that name and key takes it.</summary>
/// <param name="Name">The message name.</param>
public sealed record CorrelateMessage(string Name) : WorkflowCommand
{
    /// <summary>The correlation key; subscriptions without a key accept any.</summary>
    public string? CorrelationKey { get; init; }

    /// <summary>Variables the message carries.</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>A specific subscription id (as given by <see cref="SubscriptionInfo.Id"/>); <c>null</c> to match by name and key.</summary>
    public string? SubscriptionId { get; init; }
}

/// <summary>Fires a pending timer; a timer already fired or cancelled is a no-op.</summary>
/// <param name="TimerId">The timer id.</param>
public sealed record FireTimer(string TimerId) : WorkflowCommand;

/// <summary>Reports a job (service or send task attempt) done.</summary>
/// <param name="JobId">The job id.</param>
public sealed record CompleteJob(string JobId) : WorkflowCommand
{
    /// <summary>Output variables of the handler.</summary>
    public JsonObject? Variables { get; init; }
}

/// <summary>Reports a technical failure of a job: retried with back-off while retries remain, then an incident.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Message">What went wrong.</param>
public sealed record FailJob(string JobId, string Message) : WorkflowCommand
{
    /// <summary>The back-off before the next attempt; <c>null</c> for the engine's default schedule.</summary>
    public TimeSpan? Backoff { get; init; }

    /// <summary><c>false</c> makes the failure an incident at once.</summary>
    public bool Retryable { get; init; } = true;
}

/// <summary>Reports that a job's handler threw a BPMN error (a business outcome caught by error events).</summary>
/// <param name="JobId">The job id.</param>
/// <param name="ErrorCode">The error code.</param>
public sealed record ThrowJobError(string JobId, string ErrorCode) : WorkflowCommand
{
    /// <summary>A message.</summary>
    public string? Message { get; init; }

    /// <summary>Variables set at the catching event.</summary>
    public JsonObject? Variables { get; init; }
}

/// <summary>Resolves an incident and continues where it stopped.</summary>
/// <param name="IncidentId">The incident id.</param>
public sealed record RetryIncident(string IncidentId) : WorkflowCommand;

/// <summary>Cancels the instance and everything in it, called children included.</summary>
public sealed record CancelInstance : WorkflowCommand
{
    /// <summary>Why (for history).</summary>
    public string? Reason { get; init; }

    /// <summary>Who cancelled it.</summary>
    public string? UserId { get; init; }

    /// <summary>Set when the parent instance cancels this called instance (the parent is then not told).</summary>
    public bool ByParent { get; init; }
}

/// <summary>Tells a parent instance that the child started by one of its call activities ended.</summary>
/// <param name="Execution">The call activity's execution number (<see cref="ParentLink.Execution"/>).</param>
/// <param name="ChildInstanceId">The child instance id.</param>
public sealed record ResumeFromChild(int Execution, string ChildInstanceId) : WorkflowCommand
{
    /// <summary>The child's process variables at its end.</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>A BPMN error the child did not catch; it is thrown at the call activity.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The child was cancelled from outside: the call activity gets an incident.</summary>
    public bool Cancelled { get; init; }
}

/// <summary>Tells a parent instance that its called child threw an escalation nobody in the child caught.</summary>
/// <param name="Execution">The call activity's execution number (<see cref="ParentLink.Execution"/>).</param>
/// <param name="ChildInstanceId">The child instance id.</param>
public sealed record ChildEscalated(int Execution, string ChildInstanceId) : WorkflowCommand
{
    /// <summary>The escalation code.</summary>
    public string? EscalationCode { get; init; }
}
