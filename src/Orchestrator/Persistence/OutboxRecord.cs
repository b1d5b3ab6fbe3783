namespace Orchestrator.Persistence;

/// <summary>A message to send after commit (table <c>outbox</c>; used by notifications).</summary>
public sealed class OutboxRecord
{
    /// <summary>The id.</summary>
    public Guid Id { get; set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What it is (<c>email</c>…).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The payload, JSON.</summary>
    public string Payload { get; set; } = "";

    /// <summary><c>pending</c>, <c>sent</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = "pending";

    /// <summary>Attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>When it was sent.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure.</summary>
    public string? LastError { get; set; }

    /// <summary>The dispatcher holding the row while it sends it (<c>null</c>: none).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when <see cref="LeaseOwner"/> holds the row; after it, another dispatcher may take it.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The email's <c>Message-ID</c> (without angle brackets), fixed by the first attempt and reused by every resend.</summary>
    public string? MessageId { get; set; }
}
