namespace Orchestrator.Notifications.Letters;

/// <summary>The log entries of this part of the notifications.</summary>
internal static partial class PrinterLog
{
    [LoggerMessage(1, LogLevel.Debug, "Chromium printed {Output}: {Size} bytes")]
    public static partial void Printed(ILogger logger, string output, int size);
}
