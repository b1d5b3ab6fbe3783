namespace Orchestrator.Notifications.EmailActions;

/// <summary>The log entries of this part of the notifications.</summary>
internal static partial class EmailActionLog
{
    [LoggerMessage(1, LogLevel.Information, "Email-action link answered task {TaskId} of instance {InstanceId}: {Outcome}")]
    public static partial void Answered(ILogger logger, string taskId, string instanceId, string outcome);

    [LoggerMessage(2, LogLevel.Information, "The email-action link of task {TaskId} expired unanswered; {Count} coordinator(s) told")]
    public static partial void ExpiredNotified(ILogger logger, string taskId, int count);

    [LoggerMessage(3, LogLevel.Warning, "The email-action link of task {TaskId} expired unanswered, but no member of group '{Group}' has an email address to tell")]
    public static partial void NoCoordinator(ILogger logger, string taskId, string group);

    [LoggerMessage(4, LogLevel.Warning, "The email-action pages have no form-js files (wwwroot/lib/form-js): build the project so that ClientApp is copied; forms cannot be shown until then")]
    public static partial void NoClientLibraries(ILogger logger);

    [LoggerMessage(5, LogLevel.Information, "Email-action expiries: {Scheduled} trigger(s) made at start-up, {Existing} already stored")]
    public static partial void ExpiriesScheduled(ILogger logger, int scheduled, int existing);

    [LoggerMessage(6, LogLevel.Warning, "The expiry trigger of a new email-action link could not be written; the next start-up makes it from the row")]
    public static partial void ExpiryNotScheduled(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Reporting the expiry of email-action link {TokenId} failed; trying again shortly")]
    public static partial void ExpiryFailed(ILogger logger, Exception exception, Guid tokenId);
}
