namespace Orchestrator.Workflows;

/// <summary>The workflow core's log messages (structured: instance, task, timer, job ids).</summary>
internal static partial class WorkflowLog
{
    [LoggerMessage(1, LogLevel.Information, "Deployed {ProcessId} version {Version} from {Source}")]
    public static partial void Deployed(ILogger logger, string processId, int version, string source);

    [LoggerMessage(2, LogLevel.Information, "Started instance {InstanceId} of {ProcessId} v{Version}")]
    public static partial void Started(ILogger logger, string instanceId, string processId, int version);

    [LoggerMessage(3, LogLevel.Information, "Cancelled instance {InstanceId} by {UserId}")]
    public static partial void Cancelled(ILogger logger, string instanceId, string userId);

    [LoggerMessage(4, LogLevel.Information, "Task {TaskId} of instance {InstanceId} completed by {UserId}")]
    public static partial void TaskCompleted(ILogger logger, string taskId, string instanceId, string userId);

    [LoggerMessage(5, LogLevel.Information, "Incident {IncidentId} of instance {InstanceId} retried by {UserId}")]
    public static partial void IncidentRetried(ILogger logger, string incidentId, string instanceId, string userId);

    [LoggerMessage(6, LogLevel.Information, "Timer {TimerId} fired (instance {InstanceId}, due {Due}, lateness {Lateness})")]
    public static partial void TimerFired(ILogger logger, string timerId, string? instanceId, DateTimeOffset due, TimeSpan lateness);

    [LoggerMessage(7, LogLevel.Debug, "Concurrency conflict, attempt {Attempt} of {Max}")]
    public static partial void ConcurrencyConflict(ILogger logger, Exception exception, int attempt, int max);

    [LoggerMessage(8, LogLevel.Error, "The scheduler could not take {Count} new timers; they stay in the timers table")]
    public static partial void SchedulerFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(9, LogLevel.Warning, "Job {JobId} ({Type}) of instance {InstanceId} failed")]
    public static partial void JobFailed(ILogger logger, Exception exception, string jobId, string type, string instanceId);

    [LoggerMessage(10, LogLevel.Information, "Job {JobId} result not applied: {Reason}")]
    public static partial void JobNotApplied(ILogger logger, string jobId, string reason);

    [LoggerMessage(11, LogLevel.Warning, "No workflows folder at {Directory}; nothing deployed")]
    public static partial void NoWorkflowsFolder(ILogger logger, string directory);

    [LoggerMessage(12, LogLevel.Warning, "Running {Count} jobs after the commit failed; they stay in the jobs table for the poller")]
    public static partial void JobsAfterCommitFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(13, LogLevel.Warning, "An after-commit action failed; the committed rows stay the truth")]
    public static partial void AfterCommitFailed(ILogger logger, Exception exception);
}
