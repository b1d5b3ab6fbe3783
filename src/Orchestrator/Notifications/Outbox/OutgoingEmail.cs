using Orchestrator.Notifications.Templates;

namespace Orchestrator.Notifications.Outbox;

/// <summary>One email to stage in the outbox.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Content">The rendered email.</param>
public sealed record OutgoingEmail(string To, RenderedEmail Content)
{
    /// <summary>The instance the email is about, if any.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The task the email is about, if any.</summary>
    public string? TaskId { get; init; }

    /// <summary>Case documents sent with it (a letter as PDF), read when the email is sent.</summary>
    public IReadOnlyList<OutboxAttachment> Attachments { get; init; } = [];
}
