namespace Orchestrator.Cases.Programmes;

/// <summary>
/// A consent or assent as it was given (table <c>case_consents</c>): the child's assent, or the guardian's or the PPNNA's
/// consent, to a programme or to sharing information; given or refused, on which date, recorded by whom and when. The
/// latest record for a subject and giver is the one that counts.
/// </summary>
public sealed class CaseConsent
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>What it is about (<see cref="ConsentSubjects"/>: <c>programme:luna</c>, <c>information-sharing</c>).</summary>
    public string Subject { get; set; } = "";

    /// <summary>Who gave it (<see cref="ConsentGivers"/>).</summary>
    public string GivenBy { get; set; } = "";

    /// <summary>Whether it was given (<c>false</c>: refused or withdrawn).</summary>
    public bool Given { get; set; }

    /// <summary>The date it was given (or refused).</summary>
    public DateOnly GivenOn { get; set; }

    /// <summary>Notes (how it was explained, by whom for the child).</summary>
    public string? Notes { get; set; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
}
