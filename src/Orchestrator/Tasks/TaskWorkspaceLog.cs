namespace Orchestrator.Tasks;

/// <summary>The staff workspace's log messages.</summary>
internal static partial class TaskWorkspaceLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Deleted {Count} task drafts older than 30 days")]
    public static partial void DraftsExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "The sweep of old task drafts failed; it runs again within the hour")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The task-change relay lost PostgreSQL; reconnecting in {Delay}")]
    public static partial void RelayLost(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "The task-change relay listens on PostgreSQL channel {Channel}")]
    public static partial void RelayListening(ILogger logger, string channel);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "A task-change message from PostgreSQL could not be read and was ignored")]
    public static partial void RelayBadMessage(ILogger logger, Exception exception);
}
