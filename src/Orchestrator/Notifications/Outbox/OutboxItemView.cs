namespace Orchestrator.Notifications.Outbox;

/// <summary>An outbox email in the admin list.</summary>
/// <param name="Id">The outbox id.</param>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Status"><c>pending</c>, <c>sent</c>, <c>failed</c> or <c>dismissed</c>.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="CreatedAt">When it was staged.</param>
/// <param name="SentAt">When it was delivered.</param>
/// <param name="LastError">The last failure.</param>
public sealed record OutboxItemView(Guid Id, string To, string Subject, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);
