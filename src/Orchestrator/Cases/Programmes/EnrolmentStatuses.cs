namespace Orchestrator.Cases.Programmes;

/// <summary>Where an enrolment is.</summary>
public static class EnrolmentStatuses
{
    /// <summary>Enrolled (the place is held), waiting for the consents.</summary>
    public const string PendingConsent = "pending-consent";

    /// <summary>The consents are complete; the programme's team works with the child.</summary>
    public const string Active = "active";

    /// <summary>The enrolment ended.</summary>
    public const string Ended = "ended";

    /// <summary>Every status.</summary>
    public static IReadOnlyList<string> All { get; } = [PendingConsent, Active, Ended];

    /// <summary>The statuses that hold a place.</summary>
    public static IReadOnlyList<string> HoldingAPlace { get; } = [PendingConsent, Active];
}
