namespace Orchestrator.Cases.OpenDoor;

/// <summary>A street outreach contact (POST /api/open-door/contacts). No name is asked for.</summary>
public sealed record NewContactRequest
{
    /// <summary>When the child was met (default: now).</summary>
    public DateTimeOffset? ContactedAt { get; init; }

    /// <summary>The outreach team (required).</summary>
    public string? Team { get; init; }

    /// <summary>The zone of the city (required).</summary>
    public string? Zone { get; init; }

    /// <summary>The place within the zone.</summary>
    public string? Place { get; init; }

    /// <summary>The alias the child gave, if any.</summary>
    public string? Alias { get; init; }

    /// <summary>The counsellor's estimate of the child's age.</summary>
    public int? ApproximateAge { get; init; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c> (default).</summary>
    public string? Sex { get; init; }

    /// <summary>What was offered: one or more of <see cref="OutreachOffers"/> (information only).</summary>
    public IReadOnlyList<string>? Offered { get; init; }

    /// <summary>Notes.</summary>
    public string? Notes { get; init; }

    /// <summary>The pseudonymous record to link the contact to at once, when the counsellor knows it.</summary>
    public string? RecordId { get; init; }
}
