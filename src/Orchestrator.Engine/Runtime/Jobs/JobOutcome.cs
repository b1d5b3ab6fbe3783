#pragma warning disable SA1402 // a family of small records: the outcomes a job handler returns, one small record per case of JobOutcome.
using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Runtime;

/// <summary>How a job attempt ended.</summary>
public abstract record JobOutcome
{
    /// <summary>Done, with output variables.</summary>
    /// <param name="variables">Output variables.</param>
    public static JobOutcome Complete(JsonObject? variables = null) => new JobCompleted(variables);

    /// <summary>Done, with output variables and what the host prepared for the completion's transaction.</summary>
    /// <param name="variables">Output variables.</param>
    /// <param name="attachment">Host data carried from the attempt to its completion (a rendered email, a PDF); the engine ignores it.</param>
    public static JobOutcome Complete(JsonObject? variables, object? attachment) => new JobCompleted(variables) { Attachment = attachment };

    /// <summary>A technical failure: retried with back-off, then an incident.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="backoff">The back-off before the next attempt; <c>null</c> for the default.</param>
    public static JobOutcome Fail(string message, TimeSpan? backoff = null) => new JobFailedOutcome(message, backoff);

    /// <summary>A BPMN error (a business outcome) caught by error boundary events or event sub-processes.</summary>
    /// <param name="errorCode">The code.</param>
    /// <param name="message">A message.</param>
    /// <param name="variables">Variables set where it is caught.</param>
    public static JobOutcome BpmnError(string errorCode, string? message = null, JsonObject? variables = null) => new JobBpmnError(errorCode, message, variables);
}

/// <summary>A completed job.</summary>
/// <param name="Variables">Output variables.</param>
public sealed record JobCompleted(JsonObject? Variables) : JobOutcome
{
    /// <summary>Host data carried from the attempt to its completion; the engine ignores it.</summary>
    public object? Attachment { get; init; }
}

/// <summary>A failed job attempt.</summary>
/// <param name="Message">What went wrong.</param>
/// <param name="Backoff">The back-off.</param>
public sealed record JobFailedOutcome(string Message, TimeSpan? Backoff) : JobOutcome;

/// <summary>A BPMN error.</summary>
/// <param name="ErrorCode">The code.</param>
/// <param name="Message">A message.</param>
/// <param name="Variables">Variables.</param>
public sealed record JobBpmnError(string ErrorCode, string? Message, JsonObject? Variables) : JobOutcome;
