namespace Orchestrator.Scheduling;

/// <summary>The scheduler's log messages.</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Timer {TimerId} failed to fire; Quartz will retry it and start-up reschedules it")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string timerId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Scheduler {SchedulerId} started ({Store}): {Timers} pending timers and {Jobs} jobs scheduled in {ElapsedMs} ms")]
    public static partial void Started(ILogger logger, string schedulerId, SchedulerStore store, int timers, int jobs, long elapsedMs);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "The scheduler failed to start; timers will not fire on this node until it restarts")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "The scheduler stops without waiting for the firings under way ({Reason}); they roll back and are recovered")]
    public static partial void StopWithoutGrace(ILogger logger, string reason);
}
