using Orchestrator.Notifications.Letters;
using Orchestrator.Notifications.Outbox;

namespace Orchestrator.Notifications;

/// <summary>
/// The notification routes under the <c>/api</c> group: the outbox for admins and the case documents (the email-action
/// pages are Razor Pages, <c>Web/Act/</c>).
/// </summary>
public static class NotificationEndpoints
{
    /// <summary>Maps <c>/api/outbox</c> (<see cref="OutboxEndpoints"/>) and the letters' documents (<see cref="LetterEndpoints"/>).</summary>
    /// <param name="api">The <c>/api</c> group.</param>
    /// <returns>The same group.</returns>
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapOutboxEndpoints();
        api.MapLetterEndpoints();
        return api;
    }
}
