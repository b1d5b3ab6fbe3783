namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// The rate limit of the email-action pages, from the <c>Notifications</c> section (beside
/// <see cref="NotificationOptions.EmailActionLifetime"/>).
/// </summary>
public sealed class EmailActionOptions
{
    /// <summary>Requests to <c>/act/…</c> one client IP may make per <see cref="EmailActionRateWindow"/> (default 20).</summary>
    public int EmailActionRateLimit { get; init; } = 20;

    /// <summary>The window of <see cref="EmailActionRateLimit"/> (default one minute).</summary>
    public TimeSpan EmailActionRateWindow { get; init; } = TimeSpan.FromMinutes(1);
}
