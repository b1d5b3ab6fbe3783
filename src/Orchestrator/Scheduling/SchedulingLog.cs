namespace Orchestrator.Scheduling;

/// <summary>The scheduler's log messages.</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Timer {TimerId} failed to fire; it stays pending and is tried again")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string timerId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Scheduler {ServerName} started (Hangfire, {Storage}): {Timers} pending timers scheduled in {ElapsedMs} ms")]
    public static partial void Started(ILogger logger, string serverName, string storage, int timers, long elapsedMs);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "The scheduler failed to start; timers will not fire on this node until it restarts")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "The scheduler stops without waiting for the firings under way ({Reason}); they roll back and are recovered")]
    public static partial void StopWithoutGrace(ILogger logger, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "The retry of timer {TimerId} could not be scheduled; the reconciliation sweep schedules it once the database answers")]
    public static partial void TimerRetryNotScheduled(ILogger logger, Exception exception, string timerId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Reconciliation sweep: {Count} pending timers had no scheduled firing and were scheduled ({Overdue} overdue, firing now); first: {First}")]
    public static partial void TimersRepaired(ILogger logger, int count, int overdue, string first);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Reconciliation sweep: {Count} pending timers were overdue by more than {StuckAfter} although they had a scheduled firing; scheduled again here, firing now (first: {First}, due {Due:O})")]
    public static partial void StuckTimersRescheduled(ILogger logger, int count, TimeSpan stuckAfter, string first, DateTimeOffset due);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning, Message = "Reconciliation sweep: {Count} pending {Kind} had no scheduled firing and were scheduled")]
    public static partial void Repaired(ILogger logger, int count, string kind);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Reconciliation sweep failed ({Reason}); it runs again in {Interval}")]
    public static partial void SweepFailed(ILogger logger, Exception exception, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "Reconciliation sweep skipped: another node is sweeping")]
    public static partial void SweepSkipped(ILogger logger);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Could not read timer {TimerId} as its Hangfire firing fell due; the firing goes to the queue and reads it itself")]
    public static partial void SettledCheckFailed(ILogger logger, Exception exception, string timerId);
}
