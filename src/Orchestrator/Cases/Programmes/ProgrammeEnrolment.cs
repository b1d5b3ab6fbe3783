namespace Orchestrator.Cases.Programmes;

/// <summary>A child's (or young adult's) enrolment in a programme (table <c>programme_enrolments</c>).</summary>
public sealed class ProgrammeEnrolment
{
    /// <summary>Id (the enrolment journey's <c>enrolmentId</c>).</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>The programme (<see cref="CareProgrammes"/>).</summary>
    public string Programme { get; set; } = "";

    /// <summary>Where the enrolment is (<see cref="EnrolmentStatuses"/>).</summary>
    public string Status { get; set; } = EnrolmentStatuses.PendingConsent;

    /// <summary>When the child was enrolled (the place is held from then).</summary>
    public DateTimeOffset EnrolledAt { get; set; }

    /// <summary>When the consents were complete and the programme began.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended.</summary>
    public string? EndReason { get; set; }

    /// <summary>The enrolment journey.</summary>
    public string? InstanceId { get; set; }
}
