namespace Orchestrator.Cases.OpenDoor;

/// <summary>
/// One meeting of a street outreach team with a child (table <c>outreach_contacts</c>), recorded even when the child
/// gives no name: an alias, an approximate age, the place and zone, what was offered (information only, never goods).
/// A counsellor may link it to the child's pseudonymous record; nothing links it by itself.
/// </summary>
public sealed class OutreachContact
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>When the child was met.</summary>
    public DateTimeOffset ContactedAt { get; set; }

    /// <summary>The outreach team.</summary>
    public string Team { get; set; } = "";

    /// <summary>The zone of the city (what the monthly report counts by).</summary>
    public string Zone { get; set; } = "";

    /// <summary>The place within the zone (a square, a station).</summary>
    public string? Place { get; set; }

    /// <summary>The alias the child gave, if any.</summary>
    public string? Alias { get; set; }

    /// <summary>The counsellor's estimate of the child's age, if any.</summary>
    public int? ApproximateAge { get; set; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c>.</summary>
    public string Sex { get; set; } = ChildSexes.Other;

    /// <summary>What was offered, comma-separated <see cref="OutreachOffers"/> (information only).</summary>
    public string Offered { get; set; } = "";

    /// <summary>The counsellor's notes.</summary>
    public string? Notes { get; set; }

    /// <summary>The pseudonymous record a counsellor linked it to, if any.</summary>
    public string? RecordId { get; set; }

    /// <summary>When it was linked.</summary>
    public DateTimeOffset? LinkedAt { get; set; }

    /// <summary>Who linked it.</summary>
    public string? LinkedBy { get; set; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
}
