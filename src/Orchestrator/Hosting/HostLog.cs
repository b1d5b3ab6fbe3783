namespace Orchestrator.Hosting;

/// <summary>The log messages of the host, the API and security (source-generated, structured).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Request answered {Status}: {Detail}")]
    public static partial void Answered(ILogger logger, int status, string? detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Request {Method} {Path} answered 503: the database is unavailable ({Reason})")]
    public static partial void DatabaseUnavailable(ILogger logger, string reason, string method, string path);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "User {UserName} signed in")]
    public static partial void SignedIn(ILogger logger, string userName);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Failed sign-in for {UserName}")]
    public static partial void SignInFailed(ILogger logger, string userName);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Sign-in refused for {UserName}: locked out")]
    public static partial void LockedOut(ILogger logger, string userName);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Created {Count} demo accounts (passwords printed once to the console, not logged)")]
    public static partial void DemoAccountsCreated(ILogger logger, int count);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Could not release Idempotency-Key {IdempotencyKey} of {Actor}")]
    public static partial void IdempotencyReleaseFailed(ILogger logger, Exception exception, string idempotencyKey, string actor);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Deleted {Count} expired Idempotency-Key records")]
    public static partial void IdempotencyKeysExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Could not delete expired Idempotency-Key records")]
    public static partial void IdempotencyCleanupFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "No workflows directory '{WorkflowsPath}' found; nothing deployed at start-up")]
    public static partial void NoWorkflowsDirectory(ILogger logger, string workflowsPath);
}
