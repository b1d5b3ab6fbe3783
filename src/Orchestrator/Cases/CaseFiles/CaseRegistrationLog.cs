namespace Orchestrator.Cases.CaseFiles;

/// <summary>The log messages of <see cref="CaseRegistrationService"/> (source-generated).</summary>
internal static partial class CaseRegistrationLog
{
    [LoggerMessage(EventId = 7700, Level = LogLevel.Warning, Message = "Case {Reference} was opened but its child-journey did not start; it can be started from the case file.")]
    public static partial void JourneyNotStarted(ILogger logger, Exception exception, string reference);
}
