namespace Orchestrator.Notifications.Templates;

/// <summary>The log entries of the email templates.</summary>
internal static partial class TemplateLog
{
    [LoggerMessage(1, LogLevel.Warning, "Email template {Key} has no '{Wanted}' translation; sent in '{Used}'")]
    public static partial void MissingTranslation(ILogger logger, string key, string wanted, string used);
}
