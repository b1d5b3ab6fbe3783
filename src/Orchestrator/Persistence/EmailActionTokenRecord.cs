namespace Orchestrator.Persistence;

/// <summary>
/// One email-action link (table <c>email_action_tokens</c>): which task it answers, for whom, until when, and whether
/// it was used. The token itself is never stored, only the SHA-256 of its secret part.
/// </summary>
public sealed class EmailActionTokenRecord
{
    /// <summary>The id.</summary>
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the token's 32 secret bytes, lower-case hex (unique).</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The task the link completes.</summary>
    public string TaskId { get; set; } = "";

    /// <summary>The task's instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The outside recipient's address (the only actor the link acts as).</summary>
    public string Recipient { get; set; } = "";

    /// <summary>The language of the email and the pages (<c>es</c>, <c>en</c>); <c>null</c>: the default.</summary>
    public string? Language { get; set; }

    /// <summary>When the link stops working.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the link was issued.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was used to answer (at most once).</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>The answer given: <c>approved</c>, <c>declined</c> or <c>submitted</c> (a form).</summary>
    public string? UsedOutcome { get; set; }

    /// <summary>When the coordinators were told that the link was used after it expired (at most once).</summary>
    public DateTimeOffset? ExpiredNotifiedAt { get; set; }
}
