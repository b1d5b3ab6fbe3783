namespace Orchestrator.Notifications.Effects;

/// <summary>The log entries of this part of the notifications.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(2, LogLevel.Warning, "No email for {Template} of task {TaskId}: nobody with an address found for {Recipients}")]
    public static partial void NobodyToTell(ILogger logger, string template, string taskId, string recipients);

    [LoggerMessage(3, LogLevel.Warning, "User task {ElementId} has orc:notify=\"{Value}\", which is none of assignee, candidates, none; using {Used}")]
    public static partial void UnknownNotifyMode(ILogger logger, string elementId, string value, string used);
}
