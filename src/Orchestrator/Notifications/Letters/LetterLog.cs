namespace Orchestrator.Notifications.Letters;

/// <summary>The log entries of the letters.</summary>
internal static partial class LetterLog
{
    [LoggerMessage(1, LogLevel.Warning, "Letter template {Key} has no '{Wanted}' translation; printed in '{Used}'")]
    public static partial void MissingTranslation(ILogger logger, string key, string wanted, string used);

    [LoggerMessage(2, LogLevel.Information, "Letter {TemplateKey} ({Language}) printed for instance {InstanceId}: document {DocumentId}, {Size} bytes")]
    public static partial void Printed(ILogger logger, string templateKey, string language, string instanceId, Guid documentId, long size);
}
