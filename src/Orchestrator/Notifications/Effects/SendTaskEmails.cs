using Orchestrator.Notifications.Outbox;

namespace Orchestrator.Notifications.Effects;

/// <summary>What a send task's attempt prepared: one email per recipient, staged when the completion commits.</summary>
/// <param name="Emails">The emails.</param>
public sealed record SendTaskEmails(IReadOnlyList<OutgoingEmail> Emails);
